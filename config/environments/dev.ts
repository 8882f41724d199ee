import { defineEnvironment } from "../environment";

// Replace accountId with your own before deploying. stateBucket is left out on purpose: pass your
// bucket with `terraform init -backend-config=bucket=...`, or set stateBucket to deploy with cdktf.
export default defineEnvironment({
  name: "dev",
  accountId: "111111111111",
  region: "eu-west-1",
  tags: { owner: "platform-networking", "cost-center": "1234" },
  logRetentionDays: 30,
  logEncryption: "aws-owned-key",
  deletionProtection: false,
  apiGatewayAccount: { manageCloudWatchRole: true },
  topologies: {
    "direct-vpce": {
      network: {
        mode: "create",
        cidr: "10.10.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.10.0.0/24",
          "eu-west-1b": "10.10.1.0/24",
        },
      },
      api: {
        mode: "create",
        stageName: "v1",
        loggingLevel: "INFO",
        throttling: { burstLimit: 100, rateLimit: 50 },
      },
    },
  },
});
