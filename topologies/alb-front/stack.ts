import type { Construct } from "constructs";
import { type AlbFrontConfig, endpointAddresses } from "./config";
import { ApiCustomDomain } from "../../modules/api-custom-domain";
import { DnsValidatedCertificate } from "../../modules/certificate";
import { ExecuteApiAlb } from "./execute-api-alb";
import { ExecuteApiEndpoint, type IExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { checkAdoptedVpc, type INetwork } from "../../modules/network";
import { sortedEntries } from "../../lib/records";
import { PrivateDnsName } from "./private-dns-name";
import { EnvironmentStack, type TopologyStackProps } from "../../stacks/environment-stack";
import {
  addOutputs,
  callsAreSigned,
  curlCommand,
  networkFrom,
  type OutputSpec,
  privateApiFrom,
  routeClientNetworks,
  sectionField,
} from "../../stacks/shared";

/**
 * Off by design: clients call the custom name, which resolves to the ALB; the ALB reaches the
 * endpoint by address. Off, the VPC keeps reaching public APIs by their default URLs.
 */
const PRIVATE_DNS_ENABLED = false;

/**
 * alb-front: clients over VPN or VPC peering call the private API by a custom name that resolves
 * to an internal ALB; the ALB forwards HTTPS to the execute-api endpoint's fixed interface
 * addresses, and the custom domain name makes API Gateway route the Host header to the API.
 */
export class AlbFrontStack extends EnvironmentStack {
  public constructor(scope: Construct, { environment, section }: TopologyStackProps<AlbFrontConfig>) {
    super(scope, { environment, topology: "alb-front" });
    const name = this.namePrefix;
    const region = environment.region;

    const network = networkFrom(this, "network", section.network, { environment, name });
    routeClientNetworks(this, network, section.network, section.clientNetworks);
    const { endpoint, ownerOutputs } = endpointFrom(this, section, network);
    const api = privateApiFrom(this, "api", section.api, { environment, name, endpoints: [endpoint] });

    const domain = section.domain;
    const certificateArn =
      domain.certificate.mode === "existing"
        ? domain.certificate.arn
        : new DnsValidatedCertificate(this, "certificate", {
            domainName: domain.name,
            publicZoneId: domain.certificate.publicZoneId,
            name,
          }).certificateArn;

    const alb = new ExecuteApiAlb(this, "front", {
      name,
      network,
      endpoint,
      createdAfter: endpoint.awaited,
      targetAddresses: endpoint.interfaceAddresses,
      clientNetworks: section.clientNetworks,
      admitVpc: section.alb.admitVpc,
      certificateArn,
      sslPolicy: section.alb.sslPolicy,
      redirectHttp: section.alb.redirectHttp,
      healthCheckPath: section.alb.healthCheckPath,
      accessLogs: section.alb.accessLogs,
      deletionProtection: environment.deletionProtection,
    });
    new ApiCustomDomain(this, "custom_domain", {
      domainName: domain.name,
      mode: domain.mode,
      certificateArn,
      api,
      endpoint,
      name,
      region,
      accountId: environment.accountId,
    });
    // The client VPCs' resolvers answer the name only with DNS support and hostnames on.
    for (const [clientName, vpcId] of sortedEntries(domain.clientVpcs)) {
      checkAdoptedVpc(this, `client_vpc_${clientName}`, {
        vpcId,
        field: sectionField(this, `domain.clientVpcs.${clientName}`),
      });
    }
    new PrivateDnsName(this, "dns", {
      name: domain.name,
      target: alb,
      vpcId: network.vpcId,
      vpcRegion: region,
      clientVpcs: domain.clientVpcs,
      publicZoneId: domain.publicZoneId,
      tagPrefix: name,
      preventDestroy: environment.deletionProtection,
    });

    const url = `https://${domain.name}/`;
    const signed = callsAreSigned(section.api);
    addOutputs(this, {
      custom_url: [
        `URL clients call (VPN and peered networks${section.alb.admitVpc ? ", and the VPC itself" : ""}); the base path maps to the API's stage`,
        url,
      ],
      curl_command: [
        signed
          ? 'Ready-to-paste check from a client network, SigV4-signed with the credentials in your environment (the example method answers {"status":"ok"})'
          : 'Ready-to-paste check from a client network (the example method answers {"status":"ok"})',
        curlCommand(`${url}health`, { region, signed }),
      ],
      synthetic_check: [
        "What a synthetic check (e.g. a CloudWatch Synthetics canary in a client network or the VPC) should call to prove the API answers through the ALB: the ALB's own health checks name no API (every path answers 403), so they only prove the endpoint is up",
        {
          url: `${url}health`,
          method: "GET",
          signed,
          expect: 'HTTP 200 and {"status":"ok"} (the example method)',
        },
      ],
      alb_dns_name: ["Internal ALB's DNS name (resolves to its private addresses)", alb.dnsName],
      target_ips: [
        "The execute-api endpoint's interface addresses, the ALB's targets, by availability zone",
        endpoint.interfaceAddresses,
      ],
      rest_api_id: ["REST API id", api.restApiId],
      stage_name: ["Stage the custom name maps to", api.stageName],
      vpc_endpoint_id: ["execute-api interface endpoint id", endpoint.endpointId],
      ...ownerOutputs,
    });
  }
}

/**
 * The section's endpoint: created with fixed addresses (the ALB's targets, known at plan time), or
 * adopted, its addresses looked up at plan time and its policy handed to its owner as an output.
 */
function endpointFrom(
  scope: EnvironmentStack,
  section: AlbFrontConfig,
  network: INetwork,
): { endpoint: IExecuteApiEndpoint; ownerOutputs: Record<string, OutputSpec> } {
  const { environment } = scope;
  if (section.endpoint.mode === "existing") {
    const endpoint = ExecuteApiEndpoint.fromAttributes(scope, "execute_api", {
      endpointId: section.endpoint.endpointId,
      securityGroupId: section.endpoint.securityGroupId,
      privateDnsEnabled: PRIVATE_DNS_ENABLED,
      availabilityZones: Object.keys(network.subnetIds),
    });
    return {
      endpoint,
      ownerOutputs: {
        endpoint_policy_for_endpoint_owner: [
          "The adopted endpoint's policy must allow execute-api:Invoke on these resources (add them to its Allow statement); its owner applies it",
          endpoint.policyForOwner,
        ],
      },
    };
  }
  const endpoint = new ExecuteApiEndpoint(scope, "execute_api", {
    network,
    region: environment.region,
    name: scope.namePrefix,
    privateDnsEnabled: PRIVATE_DNS_ENABLED,
    // The ALB's security group is admitted by the ALB itself; the VPC only when asked for, since
    // a caller that reaches the endpoint directly skips the ALB's access logs and TLS policy.
    admitVpc: section.endpoint.directVpcAccess,
    ipAddresses: endpointAddresses(section),
    preventDestroy: environment.deletionProtection,
  });
  return { endpoint, ownerOutputs: {} };
}
