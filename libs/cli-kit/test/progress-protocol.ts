import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One example of `docs/progress-protocol.md`: an output line and what it parses to. */
export interface ProgressExample {
  line: string;
  parse: { processed: number; total: number | null; percent: number | null } | null;
}

const PROTOCOL_DOC = fileURLToPath(new URL('../../../docs/progress-protocol.md', import.meta.url));

function fencedBlock(doc: string, info: string): string {
  const start = doc.indexOf(`\`\`\`${info}\n`);
  if (start === -1) throw new Error(`${PROTOCOL_DOC} has no \`\`\`${info} block`);
  const body = start + info.length + 4;
  return doc.slice(body, doc.indexOf('\n```', body));
}

/**
 * The progress protocol as its document states it: the line grammar as a regular expression
 * and the examples with their expected parse. Read from the document, not from another
 * package, so each package is held to the same text.
 */
export function readProgressProtocol(): { grammar: RegExp; examples: ProgressExample[] } {
  const doc = readFileSync(PROTOCOL_DOC, 'utf8');
  return {
    grammar: new RegExp(fencedBlock(doc, 'regex progress-line').trim()),
    examples: fencedBlock(doc, 'jsonl progress-examples')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as ProgressExample),
  };
}
