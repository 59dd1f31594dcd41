/**
 * Module of a profile scenario: the longest known module its name starts with, else the name's
 * first word (profile names are `<module>-<scenario>` by convention).
 */
export function moduleOfScenario(name: string, modules: readonly string[]): string {
  const known = [...modules].sort((a, b) => b.length - a.length).find((m) => name.startsWith(m));
  return known ?? name.split(/[-_/.]/)[0] ?? name;
}
