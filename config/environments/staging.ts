import { defineEnvironment } from "../schema";

// Replace accountId and stateBucket with your own before deploying.
export default defineEnvironment({
  name: "staging",
  accountId: "222222222222",
  region: "eu-west-1",
  stateBucket: "example-private-api-tfstate-staging",
  tags: { owner: "platform-networking", "cost-center": "1234" },
  network: {
    mode: "create",
    cidr: "10.20.0.0/16",
    privateSubnets: {
      "eu-west-1a": "10.20.0.0/24",
      "eu-west-1b": "10.20.1.0/24",
    },
  },
  clientCidrs: { "corporate-vpn": "172.16.0.0/16" },
  logRetentionDays: 90,
  deletionProtection: false,
  api: {
    stageName: "v1",
    loggingLevel: "INFO",
    throttling: { burstLimit: 500, rateLimit: 250 },
  },
  apiGatewayAccount: { manageCloudWatchRole: true },
});
