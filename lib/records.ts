/**
 * The entries of a name-keyed record in name order, so that the order of keys in a config file
 * never changes the order of resources in the generated Terraform.
 */
export function sortedEntries<T>(record: Readonly<Record<string, T>>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
