// The claims of a README example (`// => value`, `// throws Name: message`) rewritten into calls
// of the checks (checks-module.mjs), one module line per README line so that line numbers map back.
import { ReadmeExampleError, where } from './readme-location.mjs';

// `code; // => value` or `code; // throws Name: message` on one line.
const TRAILING_CLAIM = /^(\s*)(.+?);?\s*\/\/\s*(=>|throws\b)\s*(.*?)\s*$/;
// `// => value` or `// throws …` on a line of its own, about the statement above it.
const OWN_LINE_CLAIM = /^\s*\/\/\s*(=>|throws\b)\s*(.*?)\s*$/;
const COMMENT_LINE = /^\s*(\/\/|\/\*|\*)/;
const DECLARATION = /^(const|let|var)\s+([A-Za-z_$][\w$]*)\s*(:[^=]+)?=/;

/** Net count of opening brackets, strings skipped. */
function depth(text) {
  let open = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('([{'.includes(c)) open++;
    else if (')]}'.includes(c)) open--;
  }
  return open;
}

/**
 * Replaces every claim (`// =>`, `// throws`) by a call that checks it, keeping one module line
 * per README line so that line numbers map back.
 */
export function rewriteClaims(body, file) {
  const out = body.map(({ text }) => text);
  let claims = 0;
  for (let i = 0; i < body.length; i++) {
    const own = OWN_LINE_CLAIM.exec(out[i]);
    const trailing = own || COMMENT_LINE.test(out[i]) ? null : TRAILING_CLAIM.exec(out[i]);
    if (!own && !trailing) continue;
    const at = where(file, body[i].line);
    const kind = (own ?? trailing)[own ? 1 : 3];
    let claim = own ? own[2] : trailing[4];
    // The value goes on over following `//` lines while its brackets are open.
    let last = i;
    while (kind === '=>' && depth(claim) > 0 && /^\s*\/\//.test(out[last + 1] ?? '')) {
      last++;
      claim += ` ${out[last].replace(/^\s*\/\/\s?/, '')}`;
      out[last] = '';
    }
    if (claim === '' || depth(claim) !== 0)
      throw new ReadmeExampleError(`${at}: the claim after "// ${kind}" is empty or unbalanced`);
    // The statement the claim is about ends on this line (trailing) or the line above (own).
    let end = i;
    if (own) {
      out[i] = '';
      end = i - 1;
      while (end >= 0 && out[end].trim() === '') end--;
      if (end < 0 || COMMENT_LINE.test(out[end]))
        throw new ReadmeExampleError(`${at}: "// ${kind}" does not follow a statement`);
    } else {
      out[i] = trailing[1] + trailing[2];
    }
    out[end] = out[end].replace(/;\s*$/, '');
    let start = end;
    let statement = out[end];
    while (start > 0 && (depth(statement) < 0 || /^\s*\??\./.test(out[start]))) {
      start--;
      statement = `${out[start]}\n${statement}`;
    }
    const indent = /^\s*/.exec(out[start])[0];
    const declared = DECLARATION.exec(out[start].trim());
    const check =
      kind === '=>'
        ? (expression) => `__expect(${expression}, ${claim}, ${JSON.stringify(at)})`
        : (expression) =>
            /\bawait\b/.test(statement)
              ? `await __expectThrows(async () => {${expression}}, ${JSON.stringify(claim)}, ${JSON.stringify(at)})`
              : `__expectThrows(() => {${expression}}, ${JSON.stringify(claim)}, ${JSON.stringify(at)})`;
    if (declared && kind === '=>') {
      out[end] = `${out[end]}; ${check(declared[2])};`;
    } else {
      const [, head] = /^\s*(.*)$/s.exec(out[start]);
      const opening = check('\u0000').split('\u0000');
      out[start] = `${indent}${opening[0]}${head}`;
      out[end] = `${out[end]}${opening[1]};`;
    }
    claims++;
  }
  return { source: out.join('\n'), claims };
}
