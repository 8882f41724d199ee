import { TerraformElement, TerraformStack } from "cdktf";
import type { Node } from "constructs";
import { ValidationError } from "./errors";

/**
 * A stack whose Terraform addresses are the construct path below it joined with `_`
 * (`network/vpc` becomes `aws_vpc.network_vpc`). Addresses are public API: renaming one replaces
 * the resource, so no hash is appended and a collision is refused instead of disambiguated.
 */
export class ReadableStack extends TerraformStack {
  private readonly addresses = new Map<string, string>();

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const node = TerraformElement.isTerraformElement(element) ? element.node : element;
    const scopes = node.scopes;
    const id = scopes
      .slice(scopes.indexOf(this) + 1)
      .map((scope) => scope.node.id)
      .join("_");
    const owner = this.addresses.get(id);
    if (owner !== undefined && owner !== node.path) {
      throw new ValidationError(node.path, `Terraform address "${id}" is already used by ${owner}; rename one of them`);
    }
    this.addresses.set(id, node.path);
    return id;
  }
}
