import type { Report } from "./fields";

/**
 * Commercial-partition regions where API Gateway private REST APIs and the execute-api interface
 * endpoint are offered. The generated ARNs use the `aws` partition, so China and GovCloud regions
 * are deliberately absent.
 */
export const REGIONS = [
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-7",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-north-1",
  "eu-south-1",
  "eu-south-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "il-central-1",
  "me-central-1",
  "me-south-1",
  "mx-central-1",
  "sa-east-1",
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
] as const;

export type Region = (typeof REGIONS)[number];

export function isRegion(value: string): value is Region {
  return (REGIONS as readonly string[]).includes(value);
}

/** Reports `value` at `path` unless it is a region this project supports; says whether it is. */
export function checkRegion(value: string, report: Report, path: PropertyKey[]): value is Region {
  if (isRegion(value)) {
    return true;
  }
  report(path, value, "is not a region this project supports", `use one of ${REGIONS.join(", ")}`);
  return false;
}
