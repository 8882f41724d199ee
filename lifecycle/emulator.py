"""The moto AWS emulator as npm run lifecycle uses it: moto's own server, plus a small patch layer.

    emulator.py serve [--without-patches]
        Starts moto's server on a free loopback port, prints {"port": N} on one line once it listens,
        and serves until standard input closes (the harness holds it open; if the harness dies, the
        server goes with it).
    emulator.py stand-ins --endpoint URL --region R --zone-name NAME [--zone ID ...] [--certificate ARN ...]
                          [--domain-name NAME ...] [--vpc ID@REGION[@CIDR] ...] [--route-table ID@REGION ...]
        Creates stand-ins for what a stack names but does not create (public hosted zones, issued
        certificates, custom domain names it looks up) and prints {configured id: stand-in id} as JSON.
    emulator.py inventory --endpoint URL --region R [--region R ...]
        Prints, as JSON, every resource of the kinds our stacks create that the emulator holds, read
        through the AWS APIs (boto3) the way an operator would list them. The harness takes one
        inventory before apply and one after destroy: they must be equal.

The patch layer: where moto answers differently from AWS in a way the Terraform provider trips on,
a patch restores AWS's behaviour. Each patch names the AWS behaviour it restores; each has a test
(test/lifecycle/emulator.test.ts) that the patch restores it and that unpatched moto still lacks
it, so a moto upgrade that fixes a gap makes its patch fail the test and be removed.
"""

import argparse
import json
import os
import sys
from typing import Any, Callable

# The account stack attaches an AWS-managed policy, which moto knows only when asked to load them.
os.environ.setdefault("MOTO_IAM_LOAD_MANAGED_POLICIES", "true")


def patch_rest_api_policy() -> None:
    """GetRestApi returns the resource policy escaped, as AWS does.

    AWS returns `policy` as the JSON document with its quotes backslash-escaped
    ("{\\"Version\\":..."); the provider unquotes it (flattenAPIPolicy) before parsing. moto returns
    the document as sent, so the provider's unquoting fails ("invalid character 'S' after top-level
    value") and every read of aws_api_gateway_rest_api and aws_api_gateway_rest_api_policy errors.
    """
    from moto.apigateway.models import RestAPI

    plain = RestAPI.to_dict

    def to_dict(self: RestAPI) -> dict[str, Any]:
        result = plain(self)
        if isinstance(result.get(RestAPI.PROP_POLICY), str):
            result[RestAPI.PROP_POLICY] = json.dumps(result[RestAPI.PROP_POLICY])[1:-1]
        return result

    RestAPI.to_dict = to_dict  # type: ignore[method-assign]


def patch_domain_name_policy() -> None:
    """GetDomainName returns the policy a private custom domain name was created with, as AWS does.

    AWS keeps a PRIVATE domain name's resource policy and returns it as a JSON document (the
    provider reads it as such, unlike a REST API's escaped one); moto drops it, so every plan wants
    to add the policy back, and that update (UpdateDomainName on a PRIVATE domain) is one moto does
    not implement.
    """
    from moto.apigateway.models import DomainName
    from moto.apigateway.responses import APIGatewayResponse

    plain_create = APIGatewayResponse.create_domain_name
    plain_json = DomainName.to_json

    def create_domain_name(self: APIGatewayResponse) -> Any:
        result = plain_create(self)
        policy = self._get_param("policy")
        if policy:
            self.backend.get_domain_name(self._get_param("domainName")).policy = policy
        return result

    def to_json(self: DomainName) -> dict[str, Any]:
        result = plain_json(self)
        policy = getattr(self, "policy", None)
        if isinstance(policy, str):
            result["policy"] = policy
        return result

    APIGatewayResponse.create_domain_name = create_domain_name  # type: ignore[method-assign]
    DomainName.to_json = to_json  # type: ignore[method-assign]


def patch_private_hosted_zone() -> None:
    """CreateHostedZone with a VPC makes a private zone, as AWS does.

    AWS makes a zone private when the request names a VPC; the provider sends the VPC and no
    HostedZoneConfig.PrivateZone. moto reads the VPC only when that flag is set, so it makes a public
    zone: a private zone then shows `+ vpc {}` on every plan and cross-region associations fail.
    """
    from moto.route53.responses import Route53

    plain = Route53.create_hosted_zone

    def create_hosted_zone(self: Route53) -> Any:
        if self._get_param("VPC.VPCId"):
            read_bool = self._get_bool_param

            def private(name: str, if_none: Any = None) -> Any:
                return True if name == "HostedZoneConfig.PrivateZone" else read_bool(name, if_none)

            self._get_bool_param = private  # type: ignore[method-assign]
        return plain(self)

    Route53.create_hosted_zone = create_hosted_zone  # type: ignore[method-assign]


def patch_endpoint_fixed_addresses() -> None:
    """CreateVpcEndpoint gives each interface the address its SubnetConfiguration names, as AWS does.

    AWS places an interface endpoint's network interface in each subnet at the IPv4 address given
    for that subnet (SubnetConfigurations); the provider reads the addresses back from the
    interfaces. moto ignores the parameter and picks random addresses (not even inside the
    subnet), so every plan after the apply wants to change subnet_configuration.
    """
    from moto.ec2.responses.vpcs import VPCs

    plain = VPCs.create_vpc_endpoint

    def create_vpc_endpoint(self: VPCs) -> Any:
        wanted = {
            configuration.get("SubnetId"): configuration.get("Ipv4")
            for configuration in self._get_param("SubnetConfigurations", [])
            if configuration.get("Ipv4")
        }
        result = plain(self)
        if wanted:
            endpoint = result.result["VpcEndpoint"]
            for eni_id in endpoint.network_interface_ids:
                eni = self.ec2_backend.get_network_interface(eni_id)
                address = wanted.get(eni.subnet.id)
                if address is not None:
                    eni.private_ip_address = address
                    eni.private_ip_addresses = [{"Primary": True, "PrivateIpAddress": address}]
        return result

    VPCs.create_vpc_endpoint = create_vpc_endpoint  # type: ignore[method-assign]


def patch_endpoint_dns_entries() -> None:
    """An interface endpoint lists its DNS names in AWS's forms, in no promised order.

    AWS names an interface endpoint vpce-<id>-<suffix>.<service>.<region>.vpce.amazonaws.com
    (regional), vpce-<id>-<suffix>-<zone>.<service>.<region>.vpce.amazonaws.com (one per zone),
    and, with private DNS on, the service's own wildcard name in a zone hidden in the VPC. moto
    gives one entry, vpce-<id>-<suffix>.com.amazonaws.<region>.<service>, which no stack can pick
    the regional name from by its form. AWS promises no order, so the entries are listed here
    with the regional name last: a stack that takes an entry by position fails in the emulator.
    """
    from moto.ec2.models.vpcs import VPCBackend
    from moto.ec2.utils import random_resource_id

    plain = VPCBackend.create_vpc_endpoint

    def create_vpc_endpoint(self: Any, *args: Any, **kwargs: Any) -> Any:
        endpoint = plain(self, *args, **kwargs)
        if (endpoint.vpc_endpoint_type or "").lower() != "interface":
            return endpoint
        _, _, region, service = endpoint.service_name.split(".", 3)
        name = f"{endpoint.id}-{random_resource_id(8)}"
        domain = f"{service}.{region}.vpce.amazonaws.com"
        zone_id = random_resource_id(13).upper()
        zones = sorted(self.get_subnet(subnet_id).availability_zone for subnet_id in endpoint.subnet_ids or [])
        private = [f"*.{service}.{region}.amazonaws.com"] if endpoint.private_dns_enabled else []
        endpoint.dns_entries = [
            *({"dns_name": dns_name, "hosted_zone_id": random_resource_id(13).upper()} for dns_name in private),
            *({"dns_name": f"{name}-{zone}.{domain}", "hosted_zone_id": zone_id} for zone in zones),
            {"dns_name": f"{name}.{domain}", "hosted_zone_id": zone_id},
        ]
        return endpoint

    VPCBackend.create_vpc_endpoint = create_vpc_endpoint  # type: ignore[method-assign]


def patch_rule_descriptions() -> None:
    """A security group rule that references a group or a prefix list keeps its description, as in AWS.

    AWS returns the description of every rule from DescribeSecurityGroupRules; moto returns it only
    for CIDR rules, so a rule naming a source group or a managed prefix list shows
    `+ description` on every plan.
    """
    import inspect

    from moto.ec2.models.security_groups import SecurityGroupRule

    plain_init = SecurityGroupRule.__init__
    signature = inspect.signature(plain_init)

    def init(self: SecurityGroupRule, *args: Any, **kwargs: Any) -> None:
        plain_init(self, *args, **kwargs)
        prefix_list = signature.bind(self, *args, **kwargs).arguments.get("prefix_list_id")
        self.prefix_list_description = prefix_list.get("Description") if isinstance(prefix_list, dict) else None

    def description(self: SecurityGroupRule) -> str | None:
        return (
            self.ip_range.get("Description")
            or (self.source_group or {}).get("Description")
            or getattr(self, "prefix_list_description", None)
        )

    SecurityGroupRule.__init__ = init  # type: ignore[method-assign]
    SecurityGroupRule.description = property(description)  # type: ignore[assignment,method-assign]


def patch_unknown_rule_id() -> None:
    """Revoking a security group rule by an ID the group lacks fails with InvalidSecurityGroupRuleId.NotFound.

    That is AWS's error, and the provider takes it for "already deleted". moto answers
    InvalidPermission.NotFound, which the provider reports as a failure: a destroy whose revoke was
    sent twice (the SDK retries a request whose answer it did not get, as on a loaded machine)
    then fails on a rule that is gone.
    """
    import inspect

    from moto.ec2.exceptions import InvalidSecurityGroupRuleIdNotFoundError
    from moto.ec2.models.security_groups import SecurityGroupBackend

    def by_id(plain: Callable[..., None], rules_of: str) -> Callable[..., None]:
        signature = inspect.signature(plain)

        def revoke(self: SecurityGroupBackend, *args: Any, **kwargs: Any) -> None:
            arguments = signature.bind(self, *args, **kwargs).arguments
            rule_ids = arguments.get("security_rule_ids") or []
            group = self.get_security_group_by_name_or_id(arguments["group_name_or_id"], arguments.get("vpc_id"))
            if group is not None:
                known = {rule.id for rule in getattr(group, rules_of)}
                unknown = [rule_id for rule_id in rule_ids if rule_id not in known]
                if unknown:
                    raise InvalidSecurityGroupRuleIdNotFoundError(unknown[0])
            plain(self, *args, **kwargs)

        return revoke

    SecurityGroupBackend.revoke_security_group_ingress = by_id(  # type: ignore[method-assign]
        SecurityGroupBackend.revoke_security_group_ingress, "ingress_rules"
    )
    SecurityGroupBackend.revoke_security_group_egress = by_id(  # type: ignore[method-assign]
        SecurityGroupBackend.revoke_security_group_egress, "egress_rules"
    )


# How an inventory marks a kind it could not list; the harness never takes that for "nothing".
UNLISTED = "<could not list: "

def patch_transit_gateway_attachment() -> None:
    """A transit gateway VPC attachment keeps its tags, and stays visible as `deleted` once deleted, as in AWS.

    AWS tags the attachment from the request's `transit-gateway-attachment` tag specification; moto
    reads the `transit-gateway-route-table` one, so the attachment has no tags and every plan adds
    them again. AWS keeps a deleted attachment visible in state `deleted` for a while, which the
    provider waits for; moto forgets it at once, and the provider's wait never ends.
    """
    from moto.ec2.models.transit_gateway_attachments import TransitGatewayAttachmentBackend
    from moto.ec2.responses.transit_gateway_attachments import TransitGatewayAttachment

    plain_create = TransitGatewayAttachment.create_transit_gateway_vpc_attachment

    def create_transit_gateway_vpc_attachment(self: TransitGatewayAttachment) -> Any:
        read_tags = self._parse_tag_specification

        def attachment_tags(*args: Any, **kwargs: Any) -> Any:
            tags = read_tags(*args, **kwargs)
            return {**tags, "transit-gateway-route-table": tags.get("transit-gateway-attachment", {})}

        self._parse_tag_specification = attachment_tags  # type: ignore[method-assign]
        return plain_create(self)

    plain_delete = TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment

    def delete_transit_gateway_vpc_attachment(self: Any, transit_gateway_attachment_id: str) -> Any:
        deleted = plain_delete(self, transit_gateway_attachment_id)
        self.transit_gateway_attachments[transit_gateway_attachment_id] = deleted
        return deleted

    TransitGatewayAttachment.create_transit_gateway_vpc_attachment = create_transit_gateway_vpc_attachment  # type: ignore[method-assign]
    TransitGatewayAttachmentBackend.delete_transit_gateway_vpc_attachment = delete_transit_gateway_vpc_attachment  # type: ignore[method-assign]


def patch_nat_gateway_interface() -> None:
    """Deleting a NAT gateway deletes its network interface and frees its Elastic IP, as in AWS.

    AWS removes the interface it made for the gateway, which disassociates the gateway's Elastic IP;
    moto marks the gateway deleted and keeps the interface, which then outlives the stack.
    """
    from moto.ec2.models.nat_gateways import NatGatewayBackend

    plain_delete = NatGatewayBackend.delete_nat_gateway

    def delete_nat_gateway(self: Any, nat_gateway_id: str) -> Any:
        deleted = plain_delete(self, nat_gateway_id)
        interface = deleted._eni
        for address in self.addresses:
            if address.eni is interface and address.association_id is not None:
                self.disassociate_address(association_id=address.association_id)
        if interface.id in self.enis:
            self.delete_network_interface(interface.id)
        return deleted

    NatGatewayBackend.delete_nat_gateway = delete_nat_gateway  # type: ignore[method-assign]


PATCHES: list[Callable[[], None]] = [
    patch_rest_api_policy,
    patch_private_hosted_zone,
    patch_domain_name_policy,
    patch_endpoint_fixed_addresses,
    patch_endpoint_dns_entries,
    patch_rule_descriptions,
    patch_unknown_rule_id,
    patch_transit_gateway_attachment,
    patch_nat_gateway_interface,
]


def serialize_requests() -> None:
    """The server handles one request at a time, as one account's AWS answers them consistently.

    The threaded server runs requests side by side, and moto's backends are plain dicts without
    locks. With four stacks applied at once, CI once saw a Route 53 record "already exist" on
    creation, the mark of an SDK retry meeting its own first attempt; the likely cause (not
    observed: the server's errors were not kept) is a request failing half-done under that
    concurrency. Each request is a few milliseconds of work and the providers spend their time
    polling, so one at a time costs little (the prod lifecycle at four jobs: 197 s).
    """
    import threading

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    lock = threading.Lock()
    plain = DomainDispatcherApplication.__call__

    def one_at_a_time(self: Any, environ: dict[str, Any], start_response: Any) -> Any:
        with lock:
            return plain(self, environ, start_response)

    DomainDispatcherApplication.__call__ = one_at_a_time  # type: ignore[method-assign]


def serve(with_patches: bool) -> None:
    from moto.server import ThreadedMotoServer

    serialize_requests()
    if with_patches:
        for patch in PATCHES:
            patch()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    _, port = server.get_host_and_port()
    print(json.dumps({"port": port}), flush=True)
    sys.stdin.read()  # until the harness closes it, or exits
    server.stop()


def inventory(endpoint: str, regions: list[str]) -> dict[str, list[str]]:
    """Every resource of the kinds our stacks create, by kind, as sorted ids."""
    import boto3
    from botocore.config import Config

    session = boto3.Session(aws_access_key_id="test", aws_secret_access_key="test")
    config = Config(retries={"max_attempts": 1})
    found: dict[str, list[str]] = {}

    def client(service: str, region: str) -> Any:
        return session.client(service, region_name=region, endpoint_url=endpoint, config=config)

    def record(kind: str, ids: list[str]) -> None:
        found.setdefault(kind, []).extend(ids)

    def listing(kind: str, read: Callable[[], list[str]]) -> None:
        try:
            record(kind, read())
        except Exception as error:  # an API moto lacks is reported, never taken as "nothing left"
            first_line = (str(error).splitlines() or [""])[0][:160]
            record(kind, [f"{UNLISTED}{type(error).__name__}: {first_line}>"])

    for region in regions:
        ec2 = client("ec2", region)
        at = f"@{region}"
        listing(f"ec2 vpc{at}", lambda: [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v["IsDefault"]])
        listing(
            f"ec2 subnet{at}",
            lambda: [s["SubnetId"] for s in ec2.describe_subnets()["Subnets"] if not s.get("DefaultForAz")],
        )
        listing(
            f"ec2 route table{at}",
            lambda: [
                t["RouteTableId"]
                for t in ec2.describe_route_tables()["RouteTables"]
                if not any(a.get("Main") for a in t.get("Associations", []))
            ],
        )
        listing(
            f"ec2 security group{at}",
            lambda: [g["GroupId"] for g in ec2.describe_security_groups()["SecurityGroups"] if g["GroupName"] != "default"],
        )
        listing(
            f"ec2 vpc endpoint{at}",
            lambda: [
                e["VpcEndpointId"]
                for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
                if e["State"].lower() not in ("deleted", "deleting")
            ],
        )
        listing(f"ec2 flow log{at}", lambda: [f["FlowLogId"] for f in ec2.describe_flow_logs()["FlowLogs"]])
        listing(
            f"ec2 vpc peering{at}",
            lambda: [
                p["VpcPeeringConnectionId"]
                for p in ec2.describe_vpc_peering_connections()["VpcPeeringConnections"]
                if p["Status"]["Code"] not in ("deleted", "rejected", "failed", "expired")
            ],
        )
        listing(
            f"ec2 vpn gateway{at}",
            lambda: [g["VpnGatewayId"] for g in ec2.describe_vpn_gateways()["VpnGateways"] if g["State"] != "deleted"],
        )
        listing(
            f"ec2 managed prefix list{at}",
            lambda: [
                p["PrefixListId"]
                for p in ec2.describe_managed_prefix_lists()["PrefixLists"]
                if p.get("OwnerId") != "AWS" and p.get("State") != "delete-complete"
            ],
        )
        listing(
            f"ec2 transit gateway vpc attachment{at}",
            lambda: [
                a["TransitGatewayAttachmentId"]
                for a in ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]
                if a["State"] not in ("deleted", "deleting", "rejected", "failed")
            ],
        )
        listing(
            f"ec2 internet gateway{at}",
            lambda: [g["InternetGatewayId"] for g in ec2.describe_internet_gateways()["InternetGateways"]],
        )
        listing(
            f"ec2 nat gateway{at}",
            lambda: [
                g["NatGatewayId"]
                for g in ec2.describe_nat_gateways()["NatGateways"]
                if g["State"] not in ("deleted", "deleting", "failed")
            ],
        )
        listing(f"ec2 elastic ip{at}", lambda: [a["AllocationId"] for a in ec2.describe_addresses()["Addresses"]])
        listing(
            f"ec2 network interface{at}",
            lambda: [i["NetworkInterfaceId"] for i in ec2.describe_network_interfaces()["NetworkInterfaces"]],
        )
        apigateway = client("apigateway", region)
        listing(f"apigateway rest api{at}", lambda: [a["id"] for a in apigateway.get_rest_apis()["items"]])
        listing(
            f"apigateway domain name{at}",
            lambda: [d["domainName"] for d in apigateway.get_domain_names().get("items", [])],
        )
        logs = client("logs", region)
        listing(
            f"logs log group{at}",
            lambda: [g["logGroupName"] for g in logs.describe_log_groups()["logGroups"]],
        )
        kms = client("kms", region)
        listing(
            f"kms key (not pending deletion){at}",
            lambda: [
                k["KeyId"]
                for k in kms.list_keys()["Keys"]
                if kms.describe_key(KeyId=k["KeyId"])["KeyMetadata"]["KeyState"] != "PendingDeletion"
            ],
        )
        listing(
            f"kms alias{at}",
            lambda: [a["AliasName"] for a in kms.list_aliases()["Aliases"] if not a["AliasName"].startswith("alias/aws/")],
        )
        elbv2 = client("elbv2", region)
        listing(
            f"elbv2 load balancer{at}",
            lambda: [lb["LoadBalancerName"] for lb in elbv2.describe_load_balancers()["LoadBalancers"]],
        )
        listing(
            f"elbv2 target group{at}",
            lambda: [tg["TargetGroupName"] for tg in elbv2.describe_target_groups()["TargetGroups"]],
        )
        acm = client("acm", region)
        listing(
            f"acm certificate{at}",
            lambda: [c["CertificateArn"] for c in acm.list_certificates()["CertificateSummaryList"]],
        )
        resolver = client("route53resolver", region)
        listing(
            f"route53resolver endpoint{at}",
            lambda: [e["Id"] for e in resolver.list_resolver_endpoints()["ResolverEndpoints"]],
        )

    iam = client("iam", regions[0])
    listing("iam role", lambda: [r["RoleName"] for r in iam.list_roles()["Roles"]])
    listing("iam policy (customer managed)", lambda: [p["Arn"] for p in iam.list_policies(Scope="Local")["Policies"]])
    route53 = client("route53", regions[0])
    listing("route53 hosted zone", lambda: [z["Id"] for z in route53.list_hosted_zones()["HostedZones"]])
    s3 = client("s3", regions[0])
    listing("s3 bucket", lambda: [b["Name"] for b in s3.list_buckets()["Buckets"]])
    for bucket in [b["Name"] for b in s3.list_buckets()["Buckets"]]:
        listing(
            f"s3 object in {bucket}",
            lambda: [o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", [])],
        )
    return {kind: sorted(ids) for kind, ids in sorted(found.items())}


def stand_ins(
    endpoint: str,
    region: str,
    zone_name: str,
    zones: list[str],
    certificates: list[str],
    domain_names: list[str],
    vpcs: list[str],
    route_tables: list[str],
    network_objects: list[str],
) -> dict[str, str]:
    """Stand-ins for what a stack names but does not create (a public zone, an issued certificate,
    a public API's custom domain name it looks up).

    In an account they exist before the stack; in a fresh emulator they do not. Each is created
    here (a public hosted zone; a self-signed certificate imported into ACM; a REGIONAL custom
    domain name) and the harness puts its id in the copy in place of the configured one; a domain
    name is looked up by name, so it stands in for itself; an adopted VPC (ID@REGION, or
    ID@REGION@CIDR) becomes a VPC of that region (with that CIDR) with DNS support and DNS
    hostnames on, as the stack's lookup requires, and an adopted route table (ID@REGION) a route table of the stand-in VPC
    of its region; a transit gateway, a pending peering connection between two stand-in VPCs, a
    security group or a detached virtual private gateway (ID@REGION) stands in for the one a client
    network arrives through). Returns {configured id: stand-in id}.
    """
    import datetime

    import boto3
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    session = boto3.Session(aws_access_key_id="test", aws_secret_access_key="test")
    replaced: dict[str, str] = {}
    route53 = session.client("route53", region_name=region, endpoint_url=endpoint)
    for index, zone in enumerate(zones):
        name = zone_name if index == 0 else f"stand-in-{index}.{zone_name}"
        created = route53.create_hosted_zone(Name=name, CallerReference=zone)
        replaced[zone] = created["HostedZone"]["Id"].split("/")[-1]
    acm = session.client("acm", region_name=region, endpoint_url=endpoint)
    for arn in certificates:
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "stand-in.example.com")])
        now = datetime.datetime.now(datetime.timezone.utc)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(key, hashes.SHA256())
        )
        imported = acm.import_certificate(
            Certificate=certificate.public_bytes(serialization.Encoding.PEM),
            PrivateKey=key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ),
        )
        replaced[arn] = imported["CertificateArn"]
    apigateway = session.client("apigateway", region_name=region, endpoint_url=endpoint)
    for domain_name in domain_names:
        apigateway.create_domain_name(domainName=domain_name, endpointConfiguration={"types": ["REGIONAL"]})
        replaced[domain_name] = domain_name
    stand_in_vpcs: dict[str, str] = {}
    for index, entry in enumerate(vpcs):
        vpc_id, vpc_region, *cidr = entry.split("@")
        ec2 = session.client("ec2", region_name=vpc_region, endpoint_url=endpoint)
        created_vpc = ec2.create_vpc(CidrBlock=cidr[0] if cidr else f"10.{250 - index}.0.0/16")["Vpc"]["VpcId"]
        # What the stack's lookup requires of an adopted VPC (moto leaves DNS hostnames off).
        ec2.modify_vpc_attribute(VpcId=created_vpc, EnableDnsSupport={"Value": True})
        ec2.modify_vpc_attribute(VpcId=created_vpc, EnableDnsHostnames={"Value": True})
        stand_in_vpcs.setdefault(vpc_region, created_vpc)
        replaced[vpc_id] = created_vpc
    for entry in route_tables:
        table_id, table_region = entry.split("@")
        ec2 = session.client("ec2", region_name=table_region, endpoint_url=endpoint)
        vpc_of_region = stand_in_vpcs.get(table_region) or ec2.create_vpc(CidrBlock="10.240.0.0/16")["Vpc"]["VpcId"]
        stand_in_vpcs[table_region] = vpc_of_region
        replaced[table_id] = ec2.create_route_table(VpcId=vpc_of_region)["RouteTable"]["RouteTableId"]
    for index, entry in enumerate(network_objects):
        object_id, object_region = entry.split("@")
        ec2 = session.client("ec2", region_name=object_region, endpoint_url=endpoint)
        kind = object_id.split("-")[0]
        if kind == "tgw":
            replaced[object_id] = ec2.create_transit_gateway()["TransitGateway"]["TransitGatewayId"]
        elif kind == "vgw":
            replaced[object_id] = ec2.create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]
        elif kind == "pcx":
            requester = ec2.create_vpc(CidrBlock=f"10.{230 - index}.0.0/16")["Vpc"]["VpcId"]
            accepter = ec2.create_vpc(CidrBlock=f"10.{220 - index}.0.0/16")["Vpc"]["VpcId"]
            replaced[object_id] = ec2.create_vpc_peering_connection(VpcId=requester, PeerVpcId=accepter)[
                "VpcPeeringConnection"
            ]["VpcPeeringConnectionId"]
        elif kind == "sg":
            holder = stand_in_vpcs.get(object_region) or ec2.create_vpc(CidrBlock="10.210.0.0/16")["Vpc"]["VpcId"]
            stand_in_vpcs[object_region] = holder
            replaced[object_id] = ec2.create_security_group(
                GroupName=f"stand-in-{object_id}", Description="stand-in", VpcId=holder
            )["GroupId"]
    return replaced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    serve_command = commands.add_parser("serve")
    serve_command.add_argument("--without-patches", action="store_true")
    inventory_command = commands.add_parser("inventory")
    inventory_command.add_argument("--endpoint", required=True)
    inventory_command.add_argument("--region", action="append", required=True)
    stand_ins_command = commands.add_parser("stand-ins")
    stand_ins_command.add_argument("--endpoint", required=True)
    stand_ins_command.add_argument("--region", required=True)
    stand_ins_command.add_argument("--zone-name", required=True)
    stand_ins_command.add_argument("--zone", action="append", default=[])
    stand_ins_command.add_argument("--certificate", action="append", default=[])
    stand_ins_command.add_argument("--domain-name", action="append", default=[])
    stand_ins_command.add_argument("--vpc", action="append", default=[])
    stand_ins_command.add_argument("--route-table", action="append", default=[])
    stand_ins_command.add_argument("--network-object", action="append", default=[])
    arguments = parser.parse_args()
    if arguments.command == "serve":
        serve(with_patches=not arguments.without_patches)
    elif arguments.command == "stand-ins":
        replaced = stand_ins(
            arguments.endpoint,
            arguments.region,
            arguments.zone_name,
            arguments.zone,
            arguments.certificate,
            arguments.domain_name,
            arguments.vpc,
            arguments.route_table,
            arguments.network_object,
        )
        print(json.dumps(replaced))
    else:
        print(json.dumps(inventory(arguments.endpoint, arguments.region)))


if __name__ == "__main__":
    main()
