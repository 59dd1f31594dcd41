// The files generated from the report generator's zod options: its schema.json and the
// options table of the README, formatted as the workspace's Prettier would format them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  reportOptionsJsonSchema,
  reportOptionsTable,
  withOptionsTable,
} from '../src/generators/report/report-options-json-schema';

/** Root of the perf-tools package. */
export const PACKAGE_ROOT = join(__dirname, '..');

/** A generated file: its path relative to the package root and its full content. */
export interface SchemaFile {
  readonly path: string;
  readonly content: string;
}

async function formatted(path: string, text: string): Promise<string> {
  const config = (await resolveConfig(join(PACKAGE_ROOT, path))) ?? {};
  return format(text, { ...config, filepath: join(PACKAGE_ROOT, path) });
}

/** What `schema.json` and the README must hold, given the README as it is on disk. */
export async function reportSchemaFiles(): Promise<SchemaFile[]> {
  const schema = reportOptionsJsonSchema();
  const schemaPath = 'src/generators/report/schema.json';
  const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
  return [
    { path: schemaPath, content: await formatted(schemaPath, JSON.stringify(schema)) },
    {
      path: 'README.md',
      content: await formatted('README.md', withOptionsTable(readme, reportOptionsTable(schema))),
    },
  ];
}
