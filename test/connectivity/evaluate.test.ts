import "../../connectivity/jest";
import { evaluate } from "../../connectivity/evaluate";
import { parseStack } from "../../connectivity/hcl";
import { parseUrl, RequestError } from "../../connectivity/request";
import { RULES, assumptionRules } from "../../connectivity/rules";

// GIVEN a minimal stack: one VPC, one endpoint with private DNS, one private API with a policy and a stage.
const HCL = `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_route_table" "a" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table_association" "a" {
  route_table_id = aws_route_table.a.id
  subnet_id      = aws_subnet.a.id
}
resource "aws_security_group" "e" {
  vpc_id = aws_vpc.v.id
}
resource "aws_vpc_security_group_ingress_rule" "vpc" {
  security_group_id = aws_security_group.e.id
  cidr_ipv4         = "10.0.0.0/16"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
}
resource "aws_vpc_endpoint" "e" {
  vpc_id              = aws_vpc.v.id
  service_name        = "com.amazonaws.eu-west-1.execute-api"
  private_dns_enabled = true
  subnet_ids          = [aws_subnet.a.id]
  security_group_ids  = [aws_security_group.e.id]
}
resource "aws_api_gateway_rest_api" "api" {
  name = "x"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [aws_vpc_endpoint.e.id]
  }
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Principal = "*", Action = "execute-api:Invoke", Resource = "execute-api:/*" },
      {
        Effect = "Deny", Principal = "*", Action = "execute-api:Invoke", Resource = "execute-api:/*"
        Condition = { StringNotEquals = { "aws:SourceVpce" = aws_vpc_endpoint.e.id } }
      },
    ]
  })
}
resource "aws_api_gateway_resource" "health" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  parent_id   = aws_api_gateway_rest_api.api.root_resource_id
  path_part   = "health"
}
resource "aws_api_gateway_method" "get" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  resource_id   = aws_api_gateway_resource.health.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}
resource "aws_api_gateway_deployment" "d" {
  rest_api_id = aws_api_gateway_rest_api.api.id
}
resource "aws_api_gateway_stage" "s" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.d.id
  stage_name    = "v1"
}
`;

const url = "${aws_api_gateway_stage.s.invoke_url}/health";
const inVpc = "${aws_vpc.v.id}";

describe("evaluate", () => {
  let stack: Awaited<ReturnType<typeof parseStack>>;
  beforeAll(async () => {
    stack = await parseStack("unit", HCL);
  });

  it("follows the stage's invoke_url reference to the private API", () => {
    expect(stack).toReach({ from: inVpc, url, signed: true });
  });

  it("answers missing-authentication-token for an unsigned call to an AWS_IAM method", () => {
    expect(stack).not.toReach({ from: inVpc, url }, "missing-authentication-token", "stage");
  });

  it("answers missing-authentication-token for a wrong stage", () => {
    const answer = evaluate(stack, {
      from: inVpc,
      url: "https://${aws_api_gateway_rest_api.api.id}.execute-api.eu-west-1.amazonaws.com/v2/health",
      signed: true,
    });
    expect(answer).toMatchObject({ outcome: "missing-authentication-token", hop: "stage" });
    expect(answer.reason).toContain("aws_api_gateway_rest_api.api");
  });

  it("drops a caller outside the security group's sources", () => {
    expect(stack).not.toReach(
      { from: "10.9.0.0/16", url, dns: "vpc:${aws_vpc.v.id}", routedBy: "a test network" },
      "dropped",
      "security-group",
    );
  });

  it("reports a public API reached through the endpoint as forbidden, with the assumption that the id is public", () => {
    const answer = evaluate(stack, {
      from: inVpc,
      url: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/",
    });
    expect(answer.outcome).toBe("forbidden");
    expect(answer.assumptions.map((assumption) => assumption.rule)).toContain("api.unknown-api-is-public");
  });

  it("reports every 🟡 or ❓ rule used as an assumption", () => {
    const answer = evaluate(stack, { from: inVpc, url, signed: true });
    const used = answer.hops.flatMap((hop) => hop.rules).map((tag) => tag.split(" ")[0] ?? "");
    const uncertain = used.filter((rule) => rule in RULES && RULES[rule as keyof typeof RULES].confidence !== "✅");
    expect(answer.assumptions.map((assumption) => assumption.rule)).toEqual(expect.arrayContaining(uncertain));
  });

  it("fails on a reference the stack does not have, naming it", () => {
    expect(() => evaluate(stack, { from: inVpc, url: "${aws_api_gateway_stage.missing.invoke_url}" })).toThrow(
      /aws_api_gateway_stage\.missing/,
    );
  });
});

// GIVEN a VPC without an endpoint (public names resolve publicly) whose private subnet leaves through a NAT
// gateway in a public subnet behind the VPC's internet gateway.
const EGRESS_HCL = `
provider "aws" {
  region = "eu-west-1"
}
resource "aws_vpc" "v" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.0.0/24"
}
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.128.0/28"
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route_table_association" "private" {
  route_table_id = aws_route_table.private.id
  subnet_id      = aws_subnet.private.id
}
resource "aws_route_table_association" "public" {
  route_table_id = aws_route_table.public.id
  subnet_id      = aws_subnet.public.id
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_route" "public_default" {
  route_table_id         = aws_route_table.public.id
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.igw.id
}
resource "aws_eip" "nat" {
  domain = "vpc"
}
resource "aws_nat_gateway" "nat" {
  allocation_id     = aws_eip.nat.allocation_id
  subnet_id         = aws_subnet.public.id
  connectivity_type = "CONNECTIVITY"
}
resource "aws_route" "private_default" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  TARGET
}
resource "aws_ec2_transit_gateway_vpc_attachment" "tgw" {
  transit_gateway_id = "ATTACHED"
  vpc_id             = aws_vpc.v.id
  subnet_ids         = [aws_subnet.private.id]
}
`;

describe("evaluate: a public API through the VPC's egress", () => {
  const publicApi = { from: inVpc, url: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/" };
  const egressStack = (target: string, { connectivity = "public", attached = "tgw-0123456789abcdef0" } = {}) =>
    parseStack(
      "egress",
      EGRESS_HCL.replace("TARGET", target).replace("CONNECTIVITY", connectivity).replace("ATTACHED", attached),
    );
  const viaNat = "nat_gateway_id = aws_nat_gateway.nat.id";
  const viaTgw = 'transit_gateway_id = "tgw-0123456789abcdef0"';

  it("reaches it from a private subnet through the NAT gateway of a public subnet", async () => {
    const answer = evaluate(await egressStack(viaNat), publicApi);
    expect(answer.outcome).toBe("ok");
    expect(answer.hops.flatMap((hop) => hop.rules).join(" ")).toContain("route.nat-gateway");
  });

  it("times out through a private NAT gateway", async () => {
    expect(await egressStack(viaNat, { connectivity: "private" })).not.toReach(publicApi, "timeout", "route");
  });

  it("times out through a transit gateway the created VPC is not attached to", async () => {
    expect(await egressStack(viaTgw, { attached: "tgw-00000000000000009" })).not.toReach(publicApi, "timeout", "route");
  });

  it("reaches it through an attached transit gateway, assuming its owner's egress", async () => {
    const answer = evaluate(await egressStack(viaTgw), publicApi);
    expect(answer.outcome).toBe("ok");
    expect(answer.assumptions.map((assumption) => assumption.rule)).toContain("route.egress-outside-stack");
  });
});

// GIVEN an adopted VPC the stack only looks up: nothing in the stack routes it anywhere.
const ADOPTED_HCL = `
provider "aws" {
  region = "eu-west-1"
}
data "aws_vpc" "network" {
  id = "vpc-0123456789abcdef0"
  lifecycle {
    postcondition {
      condition     = self.cidr_block == "10.4.0.0/16"
      error_message = "x"
    }
  }
}
`;

describe("evaluate: a public API from an adopted VPC", () => {
  const publicApi = {
    from: "vpc-0123456789abcdef0",
    url: "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/",
  };

  it("times out when nothing declares the VPC's way to the internet", async () => {
    expect(await parseStack("adopted", ADOPTED_HCL)).not.toReach(publicApi, "timeout", "route");
  });

  it("reaches it through the declared egress, reported as an assumption", async () => {
    const answer = evaluate(await parseStack("adopted", ADOPTED_HCL), {
      ...publicApi,
      egressBy: "NAT gateways of the shared VPC",
    });
    expect(answer.outcome).toBe("ok");
    expect(answer.assumptions.map((assumption) => assumption.rule)).toContain("route.declared-egress");
  });
});

describe("parseUrl", () => {
  it("keeps references in the host and splits the path", () => {
    expect(parseUrl("https://${aws_api_gateway_rest_api.A.id}.execute-api.eu-west-1.amazonaws.com/v1/x")).toEqual({
      host: "${aws_api_gateway_rest_api.A.id}.execute-api.eu-west-1.amazonaws.com",
      port: 443,
      path: "/v1/x",
    });
  });

  it("refuses other schemes", () => {
    expect(() => parseUrl("http://example.com/")).toThrow(RequestError);
  });
});

describe("rules", () => {
  it("carries a source key or an explicit inference mark on every assumption", () => {
    for (const rule of assumptionRules()) expect(["🟡", "❓"]).toContain(rule.confidence);
  });
});
