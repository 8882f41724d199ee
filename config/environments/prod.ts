import { defineEnvironment } from "../environment";

// Replace accountId with your own before deploying. stateBucket is left out on purpose: pass your
// bucket with `terraform init -backend-config=bucket=...`, or set stateBucket to deploy with cdktf.
export default defineEnvironment({
  name: "prod",
  accountId: "333333333333",
  region: "eu-west-1",
  tags: { owner: "platform-networking", "cost-center": "1234", "data-classification": "internal" },
  logRetentionDays: 365,
  logEncryption: "customer-managed-key",
  deletionProtection: true,
  apiGatewayAccount: { manageCloudWatchRole: true },
  topologies: {
    "direct-vpce": {
      network: {
        mode: "create",
        cidr: "10.30.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.30.0.0/24",
          "eu-west-1b": "10.30.1.0/24",
          "eu-west-1c": "10.30.2.0/24",
        },
      },
      // Routed to this VPC by the organisation's transit gateway, which is managed elsewhere:
      // direct-vpce admits a client network but builds no route to it.
      clientNetworks: { "shared-services": "10.100.0.0/16" },
      api: {
        mode: "create",
        stageName: "v1",
        loggingLevel: "ERROR",
        // Callers sign their requests with SigV4; see the README's Authorization section.
        authorization: "AWS_IAM",
        throttling: { burstLimit: 2000, rateLimit: 1000 },
      },
    },
  },
});
