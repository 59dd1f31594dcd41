/** A chart to write under the reports folder and link from the markdown. */
export interface ChartFile {
  /** Path relative to the reports folder, e.g. `charts/scoring-cases.svg`. */
  readonly path: string;
  readonly svg: string;
}

/** A file-name-safe slug of a case id or module name. */
export function chartSlug(id: string): string {
  return id
    .replace(/[^a-z0-9]+/gi, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
}
