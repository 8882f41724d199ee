import { defineEnvironment } from "../environment";

// Replace accountId with your own before deploying. stateBucket is left out on purpose: pass your
// bucket with `terraform init -backend-config=bucket=...`, or set stateBucket to deploy with cdktf.
export default defineEnvironment({
  name: "staging",
  accountId: "222222222222",
  region: "eu-west-1",
  tags: { owner: "platform-networking", "cost-center": "1234" },
  logRetentionDays: 90,
  logEncryption: "aws-owned-key",
  deletionProtection: false,
  apiGatewayAccount: { manageCloudWatchRole: true },
  topologies: {
    "direct-vpce": {
      network: {
        mode: "create",
        cidr: "10.20.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.20.0.0/24",
          "eu-west-1b": "10.20.1.0/24",
        },
      },
      api: {
        mode: "create",
        stageName: "v1",
        loggingLevel: "INFO",
        throttling: { burstLimit: 500, rateLimit: 250 },
      },
    },
  },
});
