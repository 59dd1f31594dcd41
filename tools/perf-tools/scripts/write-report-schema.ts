// `npm run schema`: regenerates schema.json and the README's options table from the zod options.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT, reportSchemaFiles } from './report-schema-files';

void reportSchemaFiles().then((files) => {
  for (const file of files) {
    const path = join(PACKAGE_ROOT, file.path);
    if (readFileSync(path, 'utf8') === file.content) continue;
    writeFileSync(path, file.content);
    console.log(`wrote ${file.path}`);
  }
});
