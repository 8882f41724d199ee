import { TOPOLOGIES } from "../../topologies/registry";
import { configErrorOf, environmentInput, FIRST_TOPOLOGY, firstTopologySections, resolve } from "../helpers";
import { GENERATED_NAME } from "./arbitraries";
import { checkEnvironment, FmtBatch, loadMatrices } from "./check";

/**
 * Cases found with the property tests, kept as named tests (those of one topology's rules sit in
 * its config.test.ts). The duplicates were found by applying the generator's duplicate-entry
 * mutation to each kind of named entry by hand; the random runs had not drawn them yet, and the
 * every-stack check for duplicate rules, associations and attachments now catches them there too.
 */

const FIELD = `environment "test", topology "${FIRST_TOPOLOGY}", field`;

describe("client networks that validated but would have failed at apply", () => {
  test("fails on one Client VPN security group listed twice (its rule would be a duplicate)", () => {
    const vpn = { via: "client-vpn" as const, securityGroupId: "sg-00000000000000001" };
    const file = environmentInput({ topologies: firstTopologySections({ clientNetworks: { vpn, vpn2: vpn } }) });
    expect(configErrorOf(() => resolve(file))).toContain(
      `${FIELD} "clientNetworks.vpn2.securityGroupId": received "sg-00000000000000001"; duplicates client "vpn"`,
    );
  });

  test("fails on site-to-site VPNs through two virtual private gateways (a VPC has one)", () => {
    const clientNetworks = {
      "on-premises": { via: "vpn-gateway", cidr: "192.168.0.0/20", vpnGatewayId: "vgw-00000000000000001" },
      office2: { via: "vpn-gateway", cidr: "192.168.16.0/20", vpnGatewayId: "vgw-00000000000000002" },
    };
    const file = environmentInput({ topologies: firstTopologySections({ clientNetworks }) });
    expect(configErrorOf(() => resolve(file))).toContain(
      `${FIELD} "clientNetworks.office2.vpnGatewayId": received "vgw-00000000000000002"; differs from client "on-premises"'s vgw-00000000000000001`,
    );
  });
});

/**
 * The unmutated fixtures were the first cases the property tests synthesized, and four broke: an
 * ALB topology's every-option fixture (the VPC not admitted by the ALB, admitted by the endpoint)
 * against matrix rows that assumed the shipped settings; a Direct Connect topology's defaults (a
 * created gateway, interfaces attached elsewhere) against rows that asked on-premises anyway, and
 * its every-option fixture advertising two halves of the VPC CIDR, which on-premises never learns;
 * a peering topology's every-option fixture (the region-wildcard zone) against rows written for the
 * per-API zone. Every fixture now synthesizes into stacks that deliver what its matrix promises.
 */
describe("every fixture synthesizes into stacks that hold the invariants and deliver their matrix", () => {
  const fmt = new FmtBatch();
  afterAll(() => {
    fmt.remove();
  });

  test.each(
    Object.entries(TOPOLOGIES).flatMap(([name, unit]) => [
      [name, "defaults", unit.fixtures.defaults()],
      [name, "everyOption", unit.fixtures.everyOption],
    ]),
  )("%s, %s", async (name, _fixture, section) => {
    const file = { ...environmentInput({ topologies: { [name]: section } }), name: GENERATED_NAME };
    await expect(checkEnvironment(file, { topologies: [name], fmt }, await loadMatrices())).resolves.toBe(
      "synthesized",
    );
  });

  test("their HCL is terraform fmt-clean", () => {
    expect(fmt.check()).toEqual([]);
  });
});
