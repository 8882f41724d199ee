import { defineEnvironment } from "../topologies/registry";

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
      // Behind the organisation's transit gateway (shared with this account by the network account,
      // which associates the attachment made here with its route tables).
      clientNetworks: {
        "shared-services": { via: "transit-gateway", cidr: "10.100.0.0/16", transitGatewayId: "tgw-0a1b2c3d4e5f60718" },
      },
      api: {
        mode: "create",
        stageName: "v1",
        loggingLevel: "ERROR",
        // Callers sign their requests with SigV4; see the README's Authorization section.
        authorization: "AWS_IAM",
        // Signed callers of the organisation only (aws:PrincipalOrgID on both policies).
        callers: { of: "organization", organizationId: "o-a1b2c3d4e5" },
        // And only from the VPC and the shared-services network (aws:VpcSourceIp on the resource policy).
        sourceRanges: ["10.30.0.0/16", "10.100.0.0/16"],
        throttling: { burstLimit: 2000, rateLimit: 1000 },
      },
    },
    "alb-front": {
      network: {
        mode: "create",
        cidr: "10.31.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.31.0.0/24",
          "eu-west-1b": "10.31.1.0/24",
          "eu-west-1c": "10.31.2.0/24",
        },
      },
      clientNetworks: {
        // The Client VPN endpoint associated with this VPC's subnets: admitted by its security group
        // (its clients arrive NATed to its interfaces, never from its pool).
        vpn: { via: "client-vpn", securityGroupId: "sg-0e1f2a3b4c5d6e7f8" },
        // The partner requested a peering connection to this VPC: accepted and routed here.
        "partner-vpc": { via: "vpc-peering", cidr: "10.130.0.0/16", peeringConnectionId: "pcx-0b1c2d3e4f5a6b7c8" },
      },
      // Addresses registered with the partner's firewall team: fixed, not derived.
      endpoint: {
        mode: "create",
        ipAddresses: { "eu-west-1a": "10.31.0.20", "eu-west-1b": "10.31.1.20", "eu-west-1c": "10.31.2.20" },
      },
      api: {
        mode: "create",
        stageName: "v1",
        loggingLevel: "ERROR",
        authorization: "AWS_IAM",
        // Signed callers of the organisation only (aws:PrincipalOrgID on both policies).
        callers: { of: "organization", organizationId: "o-a1b2c3d4e5" },
        // The endpoint sees every client at the ALB's (or the Client VPN's) addresses in the VPC.
        sourceRanges: ["10.31.0.0/16"],
        throttling: { burstLimit: 2000, rateLimit: 1000 },
      },
      alb: {
        redirectHttp: true,
        healthCheckPath: "/ping",
        accessLogs: { bucket: "example-prod-alb-access-logs", prefix: "alb-front" },
      },
      domain: {
        name: "api.internal.example.com",
        certificate: {
          mode: "existing",
          arn: "arn:aws:acm:eu-west-1:333333333333:certificate/7d3e1f2a-9c4b-4e5d-b6a7-1c2d3e4f5a6b",
        },
        clientVpcs: { partner: "vpc-0fedcba9876543210" },
        // Published publicly too, so that clients resolving through public DNS find the ALB's private addresses.
        publicZoneId: "Z0PRODEXAMPLE0000001",
      },
    },
    "direct-connect": {
      network: {
        mode: "create",
        cidr: "10.32.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.32.0.0/24",
          "eu-west-1b": "10.32.1.0/24",
          "eu-west-1c": "10.32.2.0/24",
        },
      },
      onPremisesNetworks: { "data-centre": "192.168.0.0/16", "branch-offices": "172.20.0.0/16" },
      api: {
        mode: "create",
        stageName: "v1",
        loggingLevel: "ERROR",
        authorization: "AWS_IAM",
        // Signed callers of the organisation only (aws:PrincipalOrgID on both policies).
        callers: { of: "organization", organizationId: "o-a1b2c3d4e5" },
        throttling: { burstLimit: 2000, rateLimit: 1000 },
      },
      directConnect: {
        gateway: { mode: "create", amazonSideAsn: 64520 },
        vgwAmazonSideAsn: 64521,
        // From the network team: two interfaces on two connections at two Direct Connect locations,
        // so that losing one connection, device or location leaves the other carrying BGP. The BGP
        // keys come from the pipeline (TF_VAR_bgp_auth_key_primary, TF_VAR_bgp_auth_key_secondary).
        virtualInterfaces: {
          primary: {
            kind: "private",
            connectionId: "dxcon-fg5678gh",
            vlan: 101,
            customerAsn: 65001,
            amazonAddress: "169.254.10.1/30",
            customerAddress: "169.254.10.2/30",
          },
          secondary: {
            kind: "private",
            connectionId: "dxcon-fh2345jk",
            vlan: 102,
            customerAsn: 65001,
            amazonAddress: "169.254.10.5/30",
            customerAddress: "169.254.10.6/30",
          },
        },
      },
      // On-premises calls https://api.dx.example.com/ (a private custom domain name), which its DNS
      // servers forward to the Resolver inbound endpoint.
      domain: {
        name: "api.dx.example.com",
        certificate: {
          mode: "existing",
          arn: "arn:aws:acm:eu-west-1:333333333333:certificate/4b8c2d1e-6f3a-4e7b-9c5d-0a1b2c3d4e5f",
        },
      },
      resolver: { availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
    },
    "split-horizon-phz": {
      network: {
        mode: "create",
        cidr: "10.33.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.33.0.0/24",
          "eu-west-1b": "10.33.1.0/24",
          "eu-west-1c": "10.33.2.0/24",
        },
        // The payment and status APIs are public: each zone leaves through its own NAT gateway, so
        // one zone's outage takes only its own egress.
        egress: {
          via: "nat-gateway",
          publicSubnets: {
            "eu-west-1a": "10.33.128.0/28",
            "eu-west-1b": "10.33.128.16/28",
            "eu-west-1c": "10.33.128.32/28",
          },
        },
      },
      api: {
        mode: "create",
        stageName: "v1",
        loggingLevel: "ERROR",
        authorization: "AWS_IAM",
        // Signed callers of the organisation only (aws:PrincipalOrgID on both policies).
        callers: { of: "organization", organizationId: "o-a1b2c3d4e5" },
      },
      dns: {
        mode: "custom-domains",
        publicApis: {
          // Every name under payments.example.net is an API: one apex zone holds both.
          "payments.example.net": {
            mode: "configured",
            regionalDomainName: "d-7hq2kx9a1b.execute-api.eu-west-1.amazonaws.com",
            regionalZoneId: "ZLY8HYME6SFDD",
          },
          "refunds.payments.example.net": {
            mode: "configured",
            regionalDomainName: "d-m4n8p2r6t0.execute-api.eu-west-1.amazonaws.com",
            regionalZoneId: "ZLY8HYME6SFDD",
          },
          // A public API of this account, its target read at plan time; its own zone.
          "status.example.org": { mode: "lookup" },
        },
        apexZones: ["payments.example.net"],
      },
    },
    "cross-region-peering": {
      network: {
        mode: "create",
        cidr: "10.34.0.0/16",
        privateSubnets: {
          "eu-west-1a": "10.34.0.0/24",
          "eu-west-1b": "10.34.1.0/24",
          "eu-west-1c": "10.34.2.0/24",
        },
      },
      api: {
        mode: "create",
        stageName: "v1",
        loggingLevel: "ERROR",
        authorization: "AWS_IAM",
        // Signed callers of the organisation only (aws:PrincipalOrgID on both policies).
        callers: { of: "organization", organizationId: "o-a1b2c3d4e5" },
      },
      // Two client regions, each VPC created here and peered to the API's VPC.
      clientVpcs: {
        "us-app": {
          region: "us-east-1",
          network: {
            mode: "create",
            cidr: "10.134.0.0/16",
            privateSubnets: { "us-east-1a": "10.134.0.0/24", "us-east-1b": "10.134.1.0/24" },
          },
          // Only the application's subnet calls the API: the endpoint admits it, and replies route to it.
          callers: ["10.134.0.0/24"],
        },
        "apac-app": {
          region: "ap-southeast-1",
          network: {
            mode: "create",
            cidr: "10.135.0.0/16",
            privateSubnets: { "ap-southeast-1a": "10.135.0.0/24", "ap-southeast-1b": "10.135.1.0/24" },
          },
        },
      },
    },
  },
});
