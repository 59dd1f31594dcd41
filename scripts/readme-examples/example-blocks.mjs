// The runnable code blocks of a README: ts and js fences, `continued` blocks joined to the one
// before, each block's claims rewritten into checks.
import { readFileSync } from 'node:fs';
import { rewriteClaims } from './claims.mjs';
import { ReadmeExampleError, where } from './readme-location.mjs';

const LANGUAGES = new Map([
  ['ts', 'ts'],
  ['typescript', 'ts'],
  ['mts', 'ts'],
  ['cts', 'ts'],
  ['js', 'js'],
  ['javascript', 'js'],
  ['mjs', 'js'],
  ['cjs', 'js'],
]);
/**
 * The runnable blocks of one README, `continued` blocks already joined to the one before.
 * `lines[i]` is the README line of the module's line i + 1.
 * @param {string} file
 * @returns {{ file: string, line: number, language: 'ts' | 'js', source: string, lines: number[], claims: number }[]}
 */
export function extractExamples(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*(.*)$/.exec(lines[i]);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++;
    const language = LANGUAGES.get(open[1].toLowerCase());
    if (language) {
      const body = lines.slice(i + 1, end).map((text, k) => ({ text, line: i + 2 + k }));
      const continued = /\bcontinued\b/.test(open[2]);
      const previous = examples.at(-1);
      if (continued && previous && previous.language === language) previous.body.push(...body);
      else if (continued)
        throw new ReadmeExampleError(
          `${where(file, i + 1)}: a "continued" block has no ${language} block before it`,
        );
      else examples.push({ file, line: i + 1, language, body });
    }
    i = end;
  }
  return examples.map(({ body, ...example }) => ({
    ...example,
    ...rewriteClaims(body, example.file),
    lines: body.map(({ line }) => line),
  }));
}
