import { z } from "zod";
import { reporter } from "../../config/fields";
import {
  apiSchema,
  checkClientNetworks,
  clientNetworksSchema,
  networkSchema,
  type SectionContext,
  checkSourceRanges,
  clientSources,
} from "../../config/fragments";
import type { ExecuteApiDomainClaim } from "../../config/topology";

/**
 * direct-vpce: clients in the VPC (or in networks already routed to it) call the private API
 * through the VPC's execute-api interface endpoint, with private DNS on.
 */
export function directVpceSchema(context: SectionContext) {
  return z
    .strictObject({
      /** The VPC that holds the endpoint. */
      network: networkSchema(context),
      /**
       * Networks outside the VPC admitted on HTTPS, by name. This topology builds no route: list
       * only networks that something else already routes to the VPC (a transit gateway attachment,
       * a peering connection or a VPN set up elsewhere). A listed network without such a route
       * never reaches the endpoint.
       */
      clientNetworks: clientNetworksSchema,
      /** The private REST API. */
      api: apiSchema,
    })
    .superRefine((section, ctx) => {
      const report = reporter(ctx);
      checkClientNetworks(section.clientNetworks, section.network, report, ["clientNetworks"]);
      checkSourceRanges(
        section.api,
        [
          { cidr: section.network.cidr, field: "network.cidr" },
          ...clientSources(section.clientNetworks, "clientNetworks"),
        ],
        report,
      );
    });
}

export type DirectVpceConfig = z.output<ReturnType<typeof directVpceSchema>>;

/** An adopted VPC gets this topology's private-DNS endpoint; a created one is its own. */
export function directVpceDomainClaims(section: DirectVpceConfig): ExecuteApiDomainClaim[] {
  return section.network.mode === "existing"
    ? [{ vpcId: section.network.vpcId, field: "network.vpcId", what: "an execute-api endpoint with private DNS on" }]
    : [];
}
