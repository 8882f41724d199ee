import type { EnvironmentSource } from "../../config";
import { directVpceInput, environmentInput, source } from ".";

/**
 * Environments that, between them, switch every option of every topology on, next to the
 * committed ones: the checks over every stack run over these too, so an option no shipped
 * environment uses is still covered. Add the new options of a topology here the day it lands.
 */
export function everyOptionSources(): EnvironmentSource[] {
  return [
    source(
      environmentInput({
        name: "options",
        logEncryption: "customer-managed-key",
        logRetentionDays: 400,
        deletionProtection: true,
        apiGatewayAccount: { manageCloudWatchRole: true },
        topologies: {
          "direct-vpce": directVpceInput({
            clientNetworks: { vpn: "172.16.0.0/16", "on-premises": "192.168.0.0/20" },
            api: {
              mode: "create",
              stageName: "v1",
              loggingLevel: "ERROR",
              authorization: "AWS_IAM",
              throttling: { burstLimit: 100, rateLimit: 50 },
            },
          }),
        },
      }),
      "options",
    ),
    source(
      environmentInput({
        name: "adopted",
        topologies: {
          "direct-vpce": directVpceInput({
            network: {
              mode: "existing",
              vpcId: "vpc-0123456789abcdef0",
              cidr: "10.1.0.0/16",
              subnetIds: { "eu-west-1a": "subnet-000000000000000aa", "eu-west-1b": "subnet-000000000000000bb" },
            },
            clientNetworks: { partner: "172.20.0.0/16" },
            api: { mode: "existing", restApiId: "a1b2c3d4e5", stageName: "prod" },
          }),
        },
      }),
      "adopted",
    ),
  ];
}
