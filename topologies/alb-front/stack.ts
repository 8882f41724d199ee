import type { Construct } from "constructs";
import { type AlbFrontConfig, endpointAddresses } from "./config";
import { ApiCustomDomain } from "./api-custom-domain";
import { DnsValidatedCertificate } from "./certificate";
import { ExecuteApiAlb } from "./execute-api-alb";
import { AdoptedExecuteApiEndpoint, ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { PrivateDnsName } from "./private-dns-name";
import { EnvironmentStack, type TopologyStackProps } from "../../stacks/environment-stack";
import { addOutputs, networkFrom, privateApiFrom } from "../../stacks/shared";

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
    // A created endpoint gets fixed addresses; an adopted one's are looked up at plan time.
    const fixed = endpointAddresses(section);
    const endpoint =
      section.endpoint.mode === "existing"
        ? new AdoptedExecuteApiEndpoint(this, "execute_api", {
            endpointId: section.endpoint.endpointId,
            securityGroupId: section.endpoint.securityGroupId,
            privateDnsEnabled: PRIVATE_DNS_ENABLED,
            availabilityZones: Object.keys(network.subnetIds),
          })
        : new ExecuteApiEndpoint(this, "execute_api", {
            network,
            region,
            name,
            privateDnsEnabled: PRIVATE_DNS_ENABLED,
            ipAddresses: fixed,
            preventDestroy: environment.deletionProtection,
          });
    const addresses = endpoint instanceof ExecuteApiEndpoint ? (fixed ?? {}) : endpoint.interfaceAddresses;
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
      createdAfter: endpoint instanceof ExecuteApiEndpoint ? [endpoint.endpoint] : [],
      targetAddresses: addresses,
      clientNetworks: section.clientNetworks,
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
    addOutputs(this, {
      custom_url: [
        "URL clients call (VPN and peered networks, and the VPC itself); the base path maps to the API's stage",
        url,
      ],
      curl_command: [
        'Ready-to-paste check from a client network (the example method answers {"status":"ok"})',
        `curl -sS ${url}health`,
      ],
      alb_dns_name: ["Internal ALB's DNS name (resolves to its private addresses)", alb.dnsName],
      target_ips: [
        "The execute-api endpoint's interface addresses, the ALB's targets, by availability zone",
        addresses,
      ],
      rest_api_id: ["REST API id", api.restApiId],
      stage_name: ["Stage the custom name maps to", api.stageName],
      vpc_endpoint_id: ["execute-api interface endpoint id", endpoint.endpointId],
    });
  }
}
