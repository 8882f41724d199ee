import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Token } from "cdktf";
import { Construct } from "constructs";

/** A certificate a listener or a custom domain can use. */
export interface ICertificate {
  /** The ARN; for a requested certificate, only once it is issued (its validation completed). */
  readonly certificateArn: string;
}

export interface DnsValidatedCertificateProps {
  /** The one name the certificate covers. */
  readonly domainName: string;
  /** The public hosted zone the validation record is written to. */
  readonly publicZoneId: string;
  /** Prefix of the Name tag. */
  readonly name: string;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * An ACM certificate for one name, validated by DNS in a public zone: the certificate, its
 * validation record and the validation that waits for issuance, so that whatever uses
 * `certificateArn` is created only once the certificate is issued.
 */
export class DnsValidatedCertificate extends Construct implements ICertificate {
  public readonly certificateArn: string;

  public constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const provider = props.provider;
    const certificate = new AcmCertificate(this, "certificate", {
      provider,
      domainName: props.domainName,
      validationMethod: "DNS",
      tags: { Name: `${props.name}-${props.domainName}` },
      // A renewed or re-requested certificate is attached before the one in use is deleted.
      lifecycle: { createBeforeDestroy: true },
    });
    // One name, so one validation option: no for_each over values unknown until apply.
    const option = (attribute: string): string =>
      Token.asString(`\${tolist(${certificate.fqn}.domain_validation_options)[0].${attribute}}`);
    const record = new Route53Record(this, "validation_record", {
      provider,
      zoneId: props.publicZoneId,
      name: option("resource_record_name"),
      type: option("resource_record_type"),
      records: [option("resource_record_value")],
      ttl: 300,
      allowOverwrite: true,
    });
    const validation = new AcmCertificateValidation(this, "validation", {
      provider,
      certificateArn: certificate.arn,
      validationRecordFqdns: [record.fqdn],
    });
    this.certificateArn = validation.certificateArn;
  }
}
