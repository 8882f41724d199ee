import { defineEnvironment } from "../topologies/registry";

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
    "alb-front": {
      network: {
        mode: "create",
        cidr: "10.21.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.21.0.0/24",
          "eu-west-1b": "10.21.1.0/24",
        },
      },
      // Both behind the organisation's transit gateway: the Client VPN endpoint is attached to it
      // (no NAT: its pool arrives as itself), and so is the tools VPC.
      clientNetworks: {
        vpn: { via: "transit-gateway", cidr: "172.16.4.0/22", transitGatewayId: "tgw-0a1b2c3d4e5f60718" },
        "tools-vpc": { via: "transit-gateway", cidr: "10.120.0.0/16", transitGatewayId: "tgw-0a1b2c3d4e5f60718" },
      },
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
      alb: { redirectHttp: true },
      domain: {
        name: "api.staging.internal.example.com",
        // prod's mode (the default, private), so that its access association and policies are
        // exercised here before prod.
        certificate: {
          mode: "existing",
          arn: "arn:aws:acm:eu-west-1:222222222222:certificate/0f6c2a9e-5b1d-4c3e-8a7f-2d9b6e4c1a35",
        },
        // The tools VPC (behind the transit gateway) resolves the name too.
        clientVpcs: { tools: "vpc-0c2d3e4f5a6b70819" },
      },
    },
    "direct-connect": {
      network: {
        mode: "create",
        cidr: "10.22.0.0/16",
        privateSubnets: { "eu-west-1a": "10.22.0.0/24", "eu-west-1b": "10.22.1.0/24" },
      },
      onPremisesNetworks: { "data-centre": "192.168.0.0/16", "branch-offices": "172.20.0.0/16" },
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
      directConnect: {
        // The organisation's shared Direct Connect gateway, owned by the network account with its
        // virtual interfaces: this stack proposes the association, the network account accepts it.
        gateway: {
          mode: "existing",
          gatewayId: "5f0e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
          ownerAccountId: "555555555555",
        },
        allowedPrefixes: ["10.22.0.0/16"],
      },
      // On-premises calls https://api.staging.dx.example.com/ (a private custom domain name), which
      // its DNS servers forward to the Resolver inbound endpoint.
      domain: {
        name: "api.staging.dx.example.com",
        certificate: { mode: "dns-validated", publicZoneId: "Z0STAGINGEXAMPLE0001" },
      },
      resolver: { availabilityZones: ["eu-west-1a", "eu-west-1b"] },
    },
    "split-horizon-phz": {
      network: {
        mode: "create",
        cidr: "10.23.0.0/16",
        privateSubnets: { "eu-west-1a": "10.23.0.0/24", "eu-west-1b": "10.23.1.0/24" },
        // Public APIs by their default URLs: each zone leaves through its own NAT gateway.
        egress: {
          via: "nat-gateway",
          publicSubnets: { "eu-west-1a": "10.23.128.0/28", "eu-west-1b": "10.23.128.16/28" },
        },
      },
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
      // Private DNS off: public APIs keep their default URLs; each private API the VPC calls gets
      // a zone of its own. The orders API (another account) must admit this stack's endpoint.
      dns: {
        mode: "per-api-zones",
        otherPrivateApis: { orders: { restApiId: "k3x9q2m7p1", accountId: "444444444444" } },
      },
    },
    "cross-region-peering": {
      network: {
        mode: "create",
        cidr: "10.24.0.0/16",
        privateSubnets: { "eu-west-1a": "10.24.0.0/24", "eu-west-1b": "10.24.1.0/24" },
      },
      api: { mode: "create", stageName: "v1", loggingLevel: "INFO" },
      // The US application's existing VPC: adopted, with the route table of its private subnets.
      clientVpcs: {
        "us-app": {
          region: "us-east-1",
          network: {
            mode: "existing",
            vpcId: "vpc-0a1b2c3d4e5f60718",
            cidr: "10.124.0.0/16",
            subnetIds: { "us-east-1a": "subnet-0a1b2c3d4e5f60719", "us-east-1b": "subnet-0a1b2c3d4e5f6071a" },
            routeTableIds: ["rtb-0a1b2c3d4e5f6071b"],
          },
        },
      },
    },
  },
});
