import { defineEnvironment } from "../schema";

// Replace accountId and stateBucket with your own before deploying.
export default defineEnvironment({
  name: "prod",
  accountId: "333333333333",
  region: "eu-west-1",
  stateBucket: "example-private-api-tfstate-prod",
  tags: { owner: "platform-networking", "cost-center": "1234", "data-classification": "internal" },
  network: {
    mode: "create",
    cidr: "10.30.0.0/16",
    privateSubnets: {
      "eu-west-1a": "10.30.0.0/24",
      "eu-west-1b": "10.30.1.0/24",
      "eu-west-1c": "10.30.2.0/24",
    },
  },
  clientCidrs: {
    "corporate-vpn": "172.16.0.0/16",
    "shared-services": "10.100.0.0/16",
  },
  logRetentionDays: 365,
  deletionProtection: true,
  api: {
    stageName: "v1",
    loggingLevel: "ERROR",
    throttling: { burstLimit: 2000, rateLimit: 1000 },
  },
  apiGatewayAccount: { manageCloudWatchRole: true },
});
