import { z } from 'zod';
import { ReportOptionsSchema } from './report-options';

/** Markers around the generated options table in the package README. */
export const OPTIONS_TABLE_MARKERS = {
  start: '<!-- report-options:start (generated from report-options.ts) -->',
  end: '<!-- report-options:end -->',
} as const;

interface OptionProperty {
  readonly description?: string;
  readonly default?: unknown;
}

/** The JSON schema of the report options as `nx g` reads it: the zod options' input side. */
export interface ReportOptionsJsonSchema {
  readonly $schema: string;
  readonly $id: string;
  readonly cli: 'nx';
  readonly title?: string;
  readonly description?: string;
  readonly type: 'object';
  readonly properties: Readonly<Record<string, OptionProperty>>;
  readonly additionalProperties: false;
}

/**
 * The generator's `schema.json`, derived from {@link ReportOptionsSchema}. The input side is
 * used, since that is what the command line gives (`files` is a string or a list there).
 */
export function reportOptionsJsonSchema(): ReportOptionsJsonSchema {
  const { $schema: _draft, ...json } = z.toJSONSchema(ReportOptionsSchema, { io: 'input' });
  const generated = json as unknown as Omit<ReportOptionsJsonSchema, '$schema' | '$id' | 'cli'>;
  const { title, description } = generated;
  // Nx's fields first, then the options as zod describes them.
  return {
    $schema: 'https://json-schema.org/schema',
    $id: 'PerfToolsReport',
    cli: 'nx',
    title,
    description,
    ...generated,
  };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

// A string default reads as the word one types; any other JSON value as its JSON.
const defaultText = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** The README's options table (Markdown, not yet aligned) of a report options schema. */
export function reportOptionsTable(schema: ReportOptionsJsonSchema): string {
  const rows = Object.entries(schema.properties).map(([name, property]) => {
    const fallback = property.default === undefined ? '—' : `\`${defaultText(property.default)}\``;
    return `| \`--${name}\` | ${fallback} | ${cell(property.description ?? '')} |`;
  });
  return ['| option | default | meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** `readme` with the text between the options table markers replaced by `table`. */
export function withOptionsTable(readme: string, table: string): string {
  const start = readme.indexOf(OPTIONS_TABLE_MARKERS.start);
  const end = readme.indexOf(OPTIONS_TABLE_MARKERS.end);
  if (start < 0 || end < start)
    throw new Error(
      `README: the options table markers ${OPTIONS_TABLE_MARKERS.start} … ${OPTIONS_TABLE_MARKERS.end} are missing or out of order`,
    );
  return `${readme.slice(0, start + OPTIONS_TABLE_MARKERS.start.length)}\n\n${table}\n\n${readme.slice(end)}`;
}
