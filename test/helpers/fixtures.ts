import type { EnvironmentInput } from "../../topologies/registry";
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
          "alb-front": albFrontInput({
            network: {
              mode: "create",
              cidr: "10.1.0.0/16",
              privateSubnets: { "eu-west-1a": "10.1.0.0/24", "eu-west-1b": "10.1.1.0/24", "eu-west-1c": "10.1.2.0/24" },
            },
            clientNetworks: { vpn: "172.16.0.0/22", peered: "10.50.0.0/16" },
            endpoint: { mode: "create", ipAddresses: { "eu-west-1a": "10.1.0.20" } },
            alb: {
              sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
              redirectHttp: true,
              healthCheckPath: "/ping",
              accessLogs: { bucket: "alb-logs", prefix: "front" },
            },
            domain: {
              name: "api.options.example.com",
              mode: "regional",
              certificate: {
                mode: "existing",
                arn: "arn:aws:acm:eu-west-1:123456789012:certificate/0f6c2a9e-5b1d-4c3e-8a7f-2d9b6e4c1a35",
              },
              clientVpcs: { peered: "vpc-0fedcba9876543210" },
              publicZoneId: "Z0PUBLIC000000000001",
            },
          }),
          "direct-connect": directConnectInput({
            network: {
              mode: "create",
              cidr: "10.3.0.0/16",
              privateSubnets: { "eu-west-1a": "10.3.0.0/24", "eu-west-1b": "10.3.1.0/24", "eu-west-1c": "10.3.2.0/24" },
            },
            onPremisesNetworks: { "data-centre": "192.168.0.0/16", branches: "172.20.0.0/16" },
            directConnect: {
              gateway: { mode: "create", amazonSideAsn: 4200000001 },
              vgwAmazonSideAsn: 64600,
              allowedPrefixes: ["10.3.0.0/17", "10.3.128.0/17"],
              virtualInterface: {
                kind: "private",
                connectionId: "dxcon-fg5678gh",
                vlan: 4094,
                customerAsn: 65001,
                amazonAddress: "169.254.10.1/30",
                customerAddress: "169.254.10.2/30",
              },
            },
            resolver: { availabilityZones: ["eu-west-1a", "eu-west-1c"] },
          }),
          "split-horizon-phz": splitHorizonPhzInput({
            network: {
              mode: "create",
              cidr: "10.4.0.0/16",
              privateSubnets: { "eu-west-1a": "10.4.0.0/24", "eu-west-1b": "10.4.1.0/24" },
            },
            clientNetworks: { vpn: "172.16.0.0/22" },
            dns: {
              mode: "custom-domains",
              publicApis: {
                "example.net": {
                  mode: "configured",
                  regionalDomainName: "d-abc123defg.execute-api.eu-west-1.amazonaws.com",
                  regionalZoneId: "ZLY8HYME6SFDD",
                },
                "special-api.example.net": { mode: "lookup" },
                "api.partner.example.org": { mode: "lookup" },
              },
              apexZones: ["example.net"],
            },
          }),
          "cross-region-peering": crossRegionPeeringInput({
            network: {
              mode: "create",
              cidr: "10.5.0.0/16",
              privateSubnets: { "eu-west-1a": "10.5.0.0/24", "eu-west-1b": "10.5.1.0/24" },
            },
            clientVpcs: {
              "us-app": {
                region: "us-east-1",
                network: {
                  mode: "create",
                  cidr: "10.105.0.0/16",
                  privateSubnets: { "us-east-1a": "10.105.0.0/24", "us-east-1b": "10.105.1.0/24" },
                },
              },
              "apac-app": {
                region: "ap-southeast-1",
                network: {
                  mode: "existing",
                  vpcId: "vpc-0123456789abcdef4",
                  cidr: "10.106.0.0/16",
                  subnetIds: {
                    "ap-southeast-1a": "subnet-00000000000000a01",
                    "ap-southeast-1b": "subnet-00000000000000a02",
                  },
                  routeTableIds: ["rtb-00000000000000a01", "rtb-00000000000000a02"],
                },
              },
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
          "alb-front": albFrontInput({
            network: {
              mode: "existing",
              vpcId: "vpc-0123456789abcdef1",
              cidr: "10.2.0.0/16",
              subnetIds: { "eu-west-1a": "subnet-000000000000000cc", "eu-west-1b": "subnet-000000000000000dd" },
            },
            endpoint: {
              mode: "existing",
              endpointId: "vpce-0123456789abcdef1",
              securityGroupId: "sg-0123456789abcdef1",
            },
            api: { mode: "existing", restApiId: "a1b2c3d4e6", stageName: "prod" },
          }),
          "split-horizon-phz": splitHorizonPhzInput({
            network: {
              mode: "existing",
              vpcId: "vpc-0123456789abcdef2",
              cidr: "10.4.0.0/16",
              subnetIds: { "eu-west-1a": "subnet-000000000000000ee", "eu-west-1b": "subnet-000000000000000ff" },
            },
            api: { mode: "existing", restApiId: "a1b2c3d4e7", stageName: "prod" },
            dns: {
              mode: "per-api-zones",
              otherPrivateApis: {
                orders: { restApiId: "k3x9q2m7p1" },
                billing: { restApiId: "b7c8d9e0f1", accountId: "444444444444" },
              },
            },
          }),
          "cross-region-peering": crossRegionPeeringInput({
            network: {
              mode: "existing",
              vpcId: "vpc-0123456789abcdef3",
              cidr: "10.5.0.0/16",
              subnetIds: { "eu-west-1a": "subnet-00000000000000b01", "eu-west-1b": "subnet-00000000000000b02" },
              routeTableIds: ["rtb-00000000000000b01"],
            },
            api: { mode: "existing", restApiId: "a1b2c3d4e8", stageName: "prod" },
          }),
        },
      }),
      "adopted",
    ),
  ];
}

type AlbFrontInput = NonNullable<EnvironmentInput["topologies"]["alb-front"]>;

/** A complete, valid alb-front section with every option at its default. */
export function albFrontInput(overrides: Partial<AlbFrontInput> = {}): AlbFrontInput {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    clientNetworks: { vpn: "172.16.0.0/22" },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    domain: {
      name: "api.internal.example.com",
      certificate: { mode: "dns-validated", publicZoneId: "Z0123456789ABCDEFGHIJ" },
    },
    ...overrides,
  };
}

type DirectConnectInput = NonNullable<EnvironmentInput["topologies"]["direct-connect"]>;

/** A complete, valid direct-connect section with every option at its default. */
export function directConnectInput(overrides: Partial<DirectConnectInput> = {}): DirectConnectInput {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    onPremisesNetworks: { "data-centre": "192.168.0.0/16" },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    directConnect: { gateway: { mode: "create", amazonSideAsn: 64512 } },
    ...overrides,
  };
}

type SplitHorizonPhzInput = NonNullable<EnvironmentInput["topologies"]["split-horizon-phz"]>;

/** A complete, valid split-horizon-phz section with every option at its default (custom-domains mode). */
export function splitHorizonPhzInput(overrides: Partial<SplitHorizonPhzInput> = {}): SplitHorizonPhzInput {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    dns: { publicApis: { "api.example.com": { mode: "lookup" } } },
    ...overrides,
  };
}

type CrossRegionPeeringInput = NonNullable<EnvironmentInput["topologies"]["cross-region-peering"]>;

/** A complete, valid cross-region-peering section: one client VPC created in us-east-1. */
export function crossRegionPeeringInput(overrides: Partial<CrossRegionPeeringInput> = {}): CrossRegionPeeringInput {
  return {
    network: {
      mode: "create",
      cidr: "10.0.0.0/16",
      privateSubnets: { "eu-west-1a": "10.0.0.0/24", "eu-west-1b": "10.0.1.0/24" },
    },
    api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
    clientVpcs: {
      "us-app": {
        region: "us-east-1",
        network: {
          mode: "create",
          cidr: "10.100.0.0/16",
          privateSubnets: { "us-east-1a": "10.100.0.0/24", "us-east-1b": "10.100.1.0/24" },
        },
      },
    },
    ...overrides,
  };
}
