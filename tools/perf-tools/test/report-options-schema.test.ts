import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportOptionsSchema } from '../src/generators/report/report-options';
import {
  OPTIONS_TABLE_MARKERS,
  reportOptionsJsonSchema,
  reportOptionsTable,
  withOptionsTable,
} from '../src/generators/report/report-options-json-schema';
import { PACKAGE_ROOT, reportSchemaFiles } from '../scripts/report-schema-files';

describe('report options: zod is the one source', () => {
  it('the committed schema.json and README options table are what the zod options produce (run `npm run schema -w @prismq/perf-tools` when this fails)', async () => {
    for (const file of await reportSchemaFiles())
      expect(readFileSync(join(PACKAGE_ROOT, file.path), 'utf8'), file.path).toBe(file.content);
  });

  it('gives Nx its fields and every zod option, with its default, on the input side', () => {
    const schema = reportOptionsJsonSchema();
    expect(schema).toMatchObject({
      $schema: 'https://json-schema.org/schema',
      $id: 'PerfToolsReport',
      cli: 'nx',
      title: 'Performance reports',
      additionalProperties: false,
    });
    expect(Object.keys(schema.properties)).toEqual(Object.keys(ReportOptionsSchema.shape));
    expect(schema.properties['tolerance']).toMatchObject({ type: 'number', default: 5 });
    // `files` is a list after parsing but a string (or list) on the command line.
    expect(schema.properties['files']).toMatchObject({
      anyOf: [{ type: 'string' }, { type: 'array' }],
    });
    for (const [name, property] of Object.entries(schema.properties))
      expect(property.description, name).toMatch(/\S/);
  });

  it('renders one table row per option, escaping pipes, between the README markers only', () => {
    const table = reportOptionsTable({
      ...reportOptionsJsonSchema(),
      properties: { only: { description: 'a | b', default: 'x' } },
    });
    expect(table.split('\n').slice(2)).toEqual(['| `--only` | `x` | a \\| b |']);
    const readme = `intro\n${OPTIONS_TABLE_MARKERS.start}\nold\n${OPTIONS_TABLE_MARKERS.end}\nrest\n`;
    expect(withOptionsTable(readme, 'T')).toBe(
      `intro\n${OPTIONS_TABLE_MARKERS.start}\n\nT\n\n${OPTIONS_TABLE_MARKERS.end}\nrest\n`,
    );
    expect(() => withOptionsTable('no markers', 'T')).toThrow(/options table markers/);
  });
});
