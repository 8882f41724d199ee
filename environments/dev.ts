import { defineEnvironment } from "../topologies/registry";

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
    "alb-front": {
      network: {
        mode: "create",
        cidr: "10.11.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.11.0.0/24",
          "eu-west-1b": "10.11.1.0/24",
        },
      },
      // A Client VPN endpoint associated with a subnet of this VPC (made once the VPC exists): its
      // clients arrive source-NATed to its interfaces, so the ALB admits its security group, not its pool.
      clientNetworks: { vpn: { via: "client-vpn", securityGroupId: "sg-0c1d2e3f4a5b6c7d8" } },
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
      domain: {
        name: "api.dev.internal.example.com",
        // The original write-up's routing (a REGIONAL domain name), kept as an opt-in shown here only:
        // see the README's alb-front section for why private is the default.
        mode: "regional",
        // A certificate requested here and validated in the public zone of dev.internal.example.com.
        certificate: { mode: "dns-validated", publicZoneId: "Z0DEVEXAMPLE00000001" },
      },
    },
    "direct-connect": {
      network: {
        mode: "create",
        cidr: "10.12.0.0/16",
        privateSubnets: { "eu-west-1a": "10.12.0.0/24", "eu-west-1b": "10.12.1.0/24" },
      },
      onPremisesNetworks: { "data-centre": "192.168.0.0/16" },
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
      directConnect: {
        gateway: { mode: "create", amazonSideAsn: 64512 },
        // A Direct Connect partner's hosted interface (a hosted connection), accepted onto this gateway.
        virtualInterfaces: { partner: { kind: "hosted-accepter", virtualInterfaceId: "dxvif-fgdev123" } },
      },
    },
    "split-horizon-phz": {
      network: {
        mode: "create",
        cidr: "10.13.0.0/16",
        privateSubnets: { "eu-west-1a": "10.13.0.0/24", "eu-west-1b": "10.13.1.0/24" },
        // The partner API is public: each zone leaves through its own NAT gateway.
        egress: {
          via: "nat-gateway",
          publicSubnets: { "eu-west-1a": "10.13.128.0/28", "eu-west-1b": "10.13.128.16/28" },
        },
      },
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
      // Private DNS on; the partner API (public, this account) keeps working by its custom name,
      // whose regional target is read from its API Gateway custom domain at plan time.
      dns: { publicApis: { "partners.dev.example.com": { mode: "lookup" } } },
    },
    "cross-region-peering": {
      network: {
        mode: "create",
        cidr: "10.14.0.0/16",
        privateSubnets: { "eu-west-1a": "10.14.0.0/24", "eu-west-1b": "10.14.1.0/24" },
      },
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
      // The US application's VPC, created here and peered to the API's VPC.
      clientVpcs: {
        "us-app": {
          region: "us-east-1",
          network: {
            mode: "create",
            cidr: "10.114.0.0/16",
            privateSubnets: { "us-east-1a": "10.114.0.0/24", "us-east-1b": "10.114.1.0/24" },
          },
        },
      },
    },
  },
});
