import { defineEnvironment } from "../schema";

// Replace accountId and stateBucket with your own before deploying.
export default defineEnvironment({
  name: "dev",
  accountId: "111111111111",
  region: "eu-west-1",
  stateBucket: "example-private-api-tfstate-dev",
  tags: { owner: "platform-networking", "cost-center": "1234" },
  network: {
    mode: "create",
    cidr: "10.10.0.0/16",
    privateSubnets: {
      "eu-west-1a": "10.10.0.0/24",
      "eu-west-1b": "10.10.1.0/24",
    },
  },
  clientCidrs: { "corporate-vpn": "172.16.0.0/16" },
  logRetentionDays: 30,
  deletionProtection: false,
  api: {
    stageName: "v1",
    loggingLevel: "INFO",
    throttling: { burstLimit: 100, rateLimit: 50 },
  },
  apiGatewayAccount: { manageCloudWatchRole: true },
});
