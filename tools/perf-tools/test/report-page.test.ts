import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageInputs } from '../src/inputs/page-inputs';
import {
  createHistoryWorkspace,
  HISTORY_COMMITS,
  profileFileOf,
  PROFILE_NAME,
} from './page-fixture';
import { reportOnDisk, snapshotFiles } from './workspace-fixture';

let root: string;
let page: string;
let ids: string[];
beforeAll(async () => {
  root = await createHistoryWorkspace();
  ids = reportOnDisk(root, {})
    .analysis.cases.map((c) => c.case.id)
    .sort();
  page = readFileSync(join(root, 'reports', 'index.html'), 'utf8');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function figures(html: string): { id: string; caption: string; svg: string }[] {
  return [
    ...html.matchAll(
      /<figure class="case"[^>]*data-case="([^"]+)">\n<figcaption>([\s\S]*?)<\/figcaption>\n(<svg[\s\S]*?<\/svg>)\n<\/figure>/g,
    ),
  ].map(([, id, caption, svg]) => ({ id: id!, caption: caption!, svg: svg! }));
}

describe('report page (reports/index.html)', () => {
  it('draws one trend chart per measured case, its id as text beside it', () => {
    const drawn = figures(page);
    expect(drawn.map((f) => f.id).sort()).toEqual(ids);
    for (const figure of drawn) {
      expect(figure.caption).toContain(`<code class="case-id">${figure.id}</code>`);
      expect(figure.svg).toContain(`data-case="${figure.id}"`);
      // Each chart is well-formed SVG on its own.
      const errors: string[] = [];
      new DOMParser({
        onError: (level, message) => void errors.push(`${level}: ${message}`),
      }).parseFromString(figure.svg, 'image/svg+xml');
      expect(errors).toEqual([]);
    }
  });

  it('plots every run of the history and the current run, colouring the comparison by its verdict', () => {
    const fast = figures(page).find((f) => f.id === 'alpha/api/fast')!;
    // three history runs, one paired comparison, the current run
    expect(fast.svg).toContain('data-points="5"');
    expect(
      [...fast.svg.matchAll(/<circle class="point" data-verdict="(\w+)"/g)].map((m) => m[1]),
    ).toEqual(['run', 'run', 'run', 'slower', 'run']);
    for (const commit of HISTORY_COMMITS) expect(fast.svg).toContain(commit.slice(0, 10));
    expect(fast.svg).toContain('compare: slower vs 2222222222');
    // the dirty run is hollow
    expect(fast.svg).toMatch(/3333333333 \(dirty\)/);
    // its p50 target (< 1 ms, from the targets file) is far above 2 µs, so not drawn; the caption names it
    expect(fast.caption).toMatch(/p50 &lt; 1 ms: 2\.\d+ µs \(met\)/);
    const near = figures(page).find((f) => f.id === 'alpha/api/near')!;
    expect(near.svg).toContain('class="target"');
    expect(near.svg).toContain('data-points="4"');
  });

  it('shows the findings and the targets against the measurements', () => {
    expect(page).toMatch(
      /<div class="finding critical" data-rule="missed-target" data-subject="alpha\/api\/slow">/,
    );
    expect(page).toContain('slow call: target &lt; 1 ms missed by');
    expect(page).toMatch(
      /<tr data-target="alpha-slow">[\s\S]*?<td class="status-missed">missed<\/td><\/tr>/,
    );
    expect(page).toMatch(
      /<tr data-target="alpha-fast">[\s\S]*?<td class="status-met">met<\/td><\/tr>/,
    );
  });

  it('links a self-contained flame-graph page per profile, which links the raw profile back', () => {
    const profile = profileFileOf(root);
    expect(page).toContain(
      `<a class="flame-link" href="flame/${PROFILE_NAME}.html">flame graph</a>`,
    );
    expect(page).toContain(`<a href="cpu/${profile}">raw .cpuprofile</a>`);
    const flame = readFileSync(join(root, 'reports', 'flame', `${PROFILE_NAME}.html`), 'utf8');
    expect(flame).toContain('data-name="spinReportFlameTarget"');
    expect(flame).toContain(`href="../cpu/${profile}"`);
    expect(flame).toContain('href="../index.html"');
    // script URLs are workspace-relative: the page does not carry the checkout's location
    expect(flame).not.toContain(root);
  });

  it('loads nothing from outside: no external URLs, and a policy that forbids them', () => {
    for (const html of [
      page,
      readFileSync(join(root, 'reports', 'flame', `${PROFILE_NAME}.html`), 'utf8'),
    ]) {
      expect(html).toContain(
        `content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`,
      );
      const urls = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]!);
      for (const url of urls) expect(url).not.toMatch(/^(?:[a-z]+:|\/\/|\/)/i);
    }
  });

  it('is the same bytes when generated again from the same inputs', () => {
    const before = snapshotFiles(join(root, 'reports'));
    reportOnDisk(root, {});
    const after = snapshotFiles(join(root, 'reports'));
    expect(after.get('index.html')).toBe(before.get('index.html'));
    expect(after.get(`flame/${PROFILE_NAME}.html`)).toBe(before.get(`flame/${PROFILE_NAME}.html`));
  });

  it('warns about the torn history line and keeps the rest', () => {
    const inputs = collectPageInputs(root, 'reports', []);
    expect(inputs.warnings).toEqual([
      {
        file: 'reports/history/alpha.jsonl',
        problem: `line ${3 * ids.length + 2} skipped: unfinished last line (torn write)`,
      },
    ]);
    expect(inputs.history.filter((e) => e.source === 'compare')).toHaveLength(1);
  });
});
