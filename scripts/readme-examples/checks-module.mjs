// The checks the claims turn into, written once into the examples' folder as a module of its own
// (ES and CommonJS, each with its declarations), so that an example's lines stay where they were.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CHECKS = `
const show = (value) => {
  const replacer = (_key, v) =>
    v === undefined ? '<undefined>' : typeof v === 'bigint' ? \`\${v}n\` : typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? String(v) : v instanceof Map || v instanceof Set ? { [v.constructor.name]: [...v] } : v;
  try { return JSON.stringify(value, replacer) ?? String(value); } catch { return String(value); }
};
const special = (v) => v instanceof Map || v instanceof Set || v instanceof Date || v instanceof RegExp;
const equal = (a, b) => {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (special(a) || special(b)) {
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    return a instanceof Date || a instanceof RegExp ? String(a) === String(b) : equal([...a], [...b]);
  }
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && equal(a[k], b[k]));
};
const thrown = (error, expected, where) => {
  const got = error instanceof Error ? \`\${error.name}: \${error.message}\` : \`a non-error \${show(error)}\`;
  if (!(error instanceof Error) || (got !== expected && error.name !== expected))
    throw new Error(\`\${where}: the README says it throws \${expected}, the code throws \${got}\`);
};
const returned = (expected, where) => new Error(\`\${where}: the README says it throws \${expected}, the code returns\`);
function __expect(actual, expected, where) {
  if (!equal(actual, expected)) throw new Error(\`\${where}: the README says \${show(expected)}, the code gives \${show(actual)}\`);
}
function __expectThrows(run, expected, where) {
  try { run(); } catch (error) { return thrown(error, expected, where); }
  throw returned(expected, where);
}
async function __expectThrowsAsync(run, expected, where) {
  try { await run(); } catch (error) { return thrown(error, expected, where); }
  throw returned(expected, where);
}
`;
const CHECKS_TYPES = `export declare function __expect(actual: unknown, expected: unknown, where: string): void;
export declare function __expectThrows(run: () => void, expected: string, where: string): void;
export declare function __expectThrowsAsync(run: () => Promise<void>, expected: string, where: string): Promise<void>;
`;
export const CHECK_NAMES = '__expect, __expectThrows, __expectThrowsAsync';

/** Writes `checks.mjs`, `checks.cjs` and their declarations into `dir`. */
export function writeChecks(dir) {
  for (const [extension, syntax] of [
    ['mjs', `${CHECKS}export { ${CHECK_NAMES} };\n`],
    ['cjs', `${CHECKS}module.exports = { ${CHECK_NAMES} };\n`],
  ]) {
    writeFileSync(join(dir, `checks.${extension}`), syntax);
    writeFileSync(join(dir, `checks.d.${extension.replace('js', 'ts')}`), CHECKS_TYPES);
  }
}
