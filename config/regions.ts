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

/**
 * API Gateway's Route 53 hosted zone per region, for aliases to its regional endpoints and
 * regional custom domain names (the `regional_zone_id` of a REGIONAL custom domain).
 *
 * Source: AWS General Reference, "Amazon API Gateway endpoints and quotas", Route 53 Hosted Zone ID
 * column (https://docs.aws.amazon.com/general/latest/gr/apigateway.html). The page could not be read
 * in full here: the ids were transcribed from public copies of that table (shell and TypeScript
 * lookup tables that cite it), which agree with one another for every region below. Older copies
 * list other ids for eu-north-1 (Z2YB950C88HT6D) and ap-northeast-3 (Z2YQB5RD63NC85); the newer
 * ones are used. Edge-optimized custom domains use Z2FDTNDATAQYW2 in every region.
 */
export const API_GATEWAY_REGIONAL_ZONE_IDS: Readonly<Record<Region, string>> = {
  "af-south-1": "Z2DHW2332DAMTN",
  "ap-east-1": "Z3FD1VL90ND7K5",
  "ap-east-2": "Z02909591O7FG9Q56HWB1",
  "ap-northeast-1": "Z1YSHQZHG15GKL",
  "ap-northeast-2": "Z20JF4UZKIW1U8",
  "ap-northeast-3": "Z22ILHG95FLSZ2",
  "ap-south-1": "Z3VO1THU9YC4UR",
  "ap-south-2": "Z0853509Q1135NJ66RUH",
  "ap-southeast-1": "ZL327KTPIQFUL",
  "ap-southeast-2": "Z2RPCDW04V8134",
  "ap-southeast-3": "Z10132843TYUYSLUG4HA3",
  "ap-southeast-4": "Z092189423Y7RJK61311D",
  "ap-southeast-5": "Z0314042F0KBUTZ3X5HF",
  "ap-southeast-7": "Z048508712PZLK5NKG8R0",
  "ca-central-1": "Z19DQILCV0OWEC",
  "ca-west-1": "Z04745493436AWVTG1OQY",
  "eu-central-1": "Z1U9ULNL0V5AJ3",
  "eu-central-2": "Z09222482MK253X48U76H",
  "eu-north-1": "Z3UWIKFBOOGXPP",
  "eu-south-1": "Z3BT4WSQ9TDYZV",
  "eu-south-2": "Z02499852UI5HEQ5JVWX3",
  "eu-west-1": "ZLY8HYME6SFDD",
  "eu-west-2": "ZJ5UAJN8Y3Z2Q",
  "eu-west-3": "Z3KY65QIEKYHQQ",
  "il-central-1": "Z07264553HBI44N5X2CKP",
  "me-central-1": "Z08780021BKYYY8U0YHTV",
  "me-south-1": "Z20ZBPC0SS8806",
  "mx-central-1": "Z00020171WIGL5M88SHRM",
  "sa-east-1": "ZCMLWB8V5SYIT",
  "us-east-1": "Z1UJRXOUMOOFQ8",
  "us-east-2": "ZOJJZC49E0EPZ",
  "us-west-1": "Z2MUQ32089INYE",
  "us-west-2": "Z2OJLYMUO9EFXC",
};
