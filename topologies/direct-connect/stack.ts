import { Ec2ManagedPrefixList } from "@cdktf/provider-aws/lib/ec2-managed-prefix-list";
import type { Construct } from "constructs";
import type { DirectConnectConfig } from "./config";
import { sortedEntries } from "../../lib/records";
import { DirectConnectAttachment } from "./direct-connect-attachment";
import { ApiCustomDomain } from "../../modules/api-custom-domain";
import { DnsValidatedCertificate } from "../../modules/certificate";
import { ExecuteApiEndpoint } from "../../modules/execute-api-endpoint";
import { PrivateAliasZone } from "../../modules/private-alias-zone";
import { ValidationError } from "../../lib/errors";
import { ResolverInbound } from "./resolver-inbound";
import { EnvironmentStack, type TopologyStackProps } from "../../stacks/environment-stack";
import {
  addOutputs,
  apiClientOutputs,
  callsAreSigned,
  curlCommand,
  networkFrom,
  powershellCommand,
  privateApiFrom,
} from "../../stacks/shared";

/**
 * Off by design: on-premises clients call the endpoint's own DNS names (with the x-apigw-api-id
 * header) or the {api-id}-{vpce-id} alias, and the VPC keeps reaching public APIs.
 */
const PRIVATE_DNS_ENABLED = false;

/**
 * direct-connect: on-premises clients reach the VPC over Direct Connect (DX gateway → virtual
 * private gateway, routes propagated into the private route tables) and call the private API
 * through the execute-api endpoint, which admits HTTPS from the on-premises networks only.
 */
export class DirectConnectStack extends EnvironmentStack {
  public constructor(scope: Construct, { environment, section }: TopologyStackProps<DirectConnectConfig>) {
    super(scope, { environment, topology: "direct-connect" });
    const name = this.namePrefix;
    const region = environment.region;

    const network = networkFrom(this, "network", section.network, { environment, name });
    const onPremises = sortedEntries(section.onPremisesNetworks);
    const prefixList = new Ec2ManagedPrefixList(this, "on_premises_networks", {
      name: `${name}-on-premises`,
      addressFamily: "IPv4",
      maxEntries: onPremises.length,
      entry: onPremises.map(([client, cidr]) => ({ cidr, description: client })),
      tags: { Name: `${name}-on-premises` },
    });
    const endpoint = new ExecuteApiEndpoint(this, "execute_api", {
      network,
      region,
      name,
      privateDnsEnabled: PRIVATE_DNS_ENABLED,
      preventDestroy: environment.deletionProtection,
    });
    endpoint.allowHttpsFrom("on_premises", { prefixListId: prefixList.id }, "HTTPS from the on-premises networks");
    const api = privateApiFrom(this, "api", section.api, { environment, name, endpoints: [endpoint] });

    const dx = section.directConnect;
    const attachment = new DirectConnectAttachment(this, "direct_connect", {
      name,
      network,
      accountId: environment.accountId,
      gateway:
        dx.gateway.mode === "create"
          ? { amazonSideAsn: dx.gateway.amazonSideAsn }
          : { gatewayId: dx.gateway.gatewayId, ownerAccountId: dx.gateway.ownerAccountId },
      vgwAmazonSideAsn: dx.vgwAmazonSideAsn,
      allowedPrefixes: dx.allowedPrefixes ?? [network.cidr],
      virtualInterfaces: dx.virtualInterfaces,
      preventDestroy: environment.deletionProtection,
    });

    const endpointName = endpoint.aliasTarget.dnsName;
    const url = `https://${endpointName}/${api.stageName}/health`;
    const signed = callsAreSigned(section.api);
    addOutputs(this, {
      ...apiClientOutputs(api, endpoint, region),
      curl_command: [
        signed
          ? "Test from on-premises (the seed's command, SigV4-signed with the credentials in your environment): the endpoint's regional name with the API id header"
          : "Test from on-premises (the seed's command): the endpoint's regional name with the API id header",
        curlCommand(url, { region, signed, headers: { "x-apigw-api-id": api.restApiId } }),
      ],
      powershell_command: [
        signed
          ? "The same test from Windows PowerShell, with curl.exe (Invoke-RestMethod cannot sign)"
          : "The same test from Windows PowerShell",
        powershellCommand(url, { region, signed, headers: { "x-apigw-api-id": api.restApiId } }),
      ],
    });
    addOutputs(this, {
      advertised_prefixes: [
        "VPC prefixes the Direct Connect gateway association advertises to on-premises (the routes on-premises learns over BGP)",
        attachment.advertisedPrefixes,
      ],
    });
    if (attachment.proposalForOwner !== undefined) {
      addOutputs(this, {
        association_proposal_for_gateway_owner: [
          "The Direct Connect gateway belongs to another account: its owner accepts this proposal with an aws_dx_gateway_association of these arguments (in the owner's account); until then on-premises has no route to the VPC",
          attachment.proposalForOwner,
        ],
      });
    }
    const domain = section.domain;
    if (domain !== undefined) {
      const certificateArn =
        domain.certificate.mode === "existing"
          ? domain.certificate.arn
          : new DnsValidatedCertificate(this, "certificate", {
              domainName: domain.name,
              publicZoneId: domain.certificate.publicZoneId,
              name,
            }).certificateArn;
      new ApiCustomDomain(this, "custom_domain", {
        domainName: domain.name,
        mode: "private",
        certificateArn,
        api,
        endpoint,
        name,
        region,
        accountId: environment.accountId,
      });
      new PrivateAliasZone(this, "dns", {
        zoneName: domain.name,
        comment: `The private custom domain name of the private API, aliasing the execute-api endpoint (${name})`,
        vpcs: [{ vpcId: network.vpcId, region }],
        records: { [domain.name]: endpoint.aliasTarget },
        tagPrefix: name,
        preventDestroy: environment.deletionProtection,
      });
      addOutputs(this, {
        custom_url: [
          `URL of the private custom domain name (no x-apigw-api-id header); resolves in the VPC${section.resolver === undefined ? "" : " and, through the conditional forwarder, on-premises"}; the base path maps to the stage`,
          `https://${domain.name}/`,
        ],
      });
    }
    if (section.resolver !== undefined) {
      if (domain === undefined) {
        throw new ValidationError(this.node.path, "a Resolver inbound endpoint needs a domain to serve");
      }
      const resolver = new ResolverInbound(this, "resolver", {
        name,
        network,
        availabilityZones: section.resolver.availabilityZones,
        clientPrefixListId: prefixList.id,
      });
      addOutputs(this, {
        resolver_inbound_ips: [
          "Route 53 Resolver inbound addresses: the targets of on-premises conditional forwarders",
          resolver.ipAddresses,
        ],
        conditional_forwarder: [
          "The rule for on-premises DNS servers: forward queries for this zone to these addresses (port 53, UDP and TCP)",
          { zone: domain.name, forward_to: resolver.ipAddresses },
        ],
      });
    }
  }
}
