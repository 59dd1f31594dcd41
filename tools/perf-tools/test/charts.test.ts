import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser, type Document } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlantedWorkspace, reportOnDisk } from './workspace-fixture';
import { commitOf, compareOf, comparedCase } from './compare-document';
import { caseFrom, runOf, samplesAround, writeAt } from './run-document';

function parseSvg(svg: string, file: string): Document {
  // xmldom reports well-formedness errors through onError; make every one fatal.
  const parser = new DOMParser({
    onError: (level, message) => {
      throw new Error(`${file}: ${level}: ${message}`);
    },
  });
  return parser.parseFromString(svg, 'image/svg+xml');
}

function texts(doc: Document): string[] {
  return Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? '');
}

describe('charts', () => {
  let root: string;
  let charts: Map<string, Document>;

  beforeAll(() => {
    root = createPlantedWorkspace();
    // A baseline with a case name that needs escaping exercises the delta chart and XML escaping.
    writeAt(
      root,
      'reports/baseline/alpha.json',
      runOf('alpha', [caseFrom('alpha/api/fast', samplesAround(2_000, 100, 9))]),
    );
    // A paired comparison whose ref needs escaping exercises the compare chart.
    writeAt(
      root,
      'reports/compare/beta.json',
      compareOf('beta', [comparedCase('beta/api/fast', 1.2, 1.1, 1.3, 'slower')], {
        head: { ref: 'feature/a&b', commit: commitOf('d'), dirty: true },
      }),
    );
    reportOnDisk(root, {});
    const dir = join(root, 'reports/charts');
    charts = new Map(
      readdirSync(dir).map(
        (name) => [name, parseSvg(readFileSync(join(dir, name), 'utf8'), name)] as const,
      ),
    );
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('writes a bar chart per module, a scaling chart per sweep and a baseline-delta chart, all linked', () => {
    expect([...charts.keys()].sort()).toEqual([
      'alpha-cases.svg',
      'baseline-delta-alpha.svg',
      'compare-beta.svg',
      'scaling-alpha-sweep-linear.svg',
      'scaling-alpha-sweep-quadratic.svg',
    ]);
    const report = readFileSync(join(root, 'reports/PERFORMANCE_BASELINE_REPORT.md'), 'utf8');
    for (const name of charts.keys()) expect(report).toContain(`](charts/${name})`);
  });

  it('parses every chart as well-formed SVG with a title, axis labels with units and a legend', () => {
    for (const [name, doc] of charts) {
      const svg = doc.documentElement!;
      expect(svg.tagName, name).toBe('svg');
      expect(svg.getAttribute('xmlns'), name).toBe('http://www.w3.org/2000/svg');
      const title = doc.getElementsByTagName('title')[0]?.textContent ?? '';
      expect(title.length, name).toBeGreaterThan(10);
      expect(doc.getElementsByTagName('g')[0]?.getAttribute('class'), name).toBe('legend');
      const labels = texts(doc);
      const axisLabel = labels.find((t) => /time per operation|change in p50/.test(t));
      expect(axisLabel, name).toBeDefined();
    }
  });

  it('labels the scaling chart axes with log scales and states the fitted slope and class in the legend', () => {
    const labels = texts(charts.get('scaling-alpha-sweep-quadratic.svg')!);
    expect(labels).toContain('input size (items, log scale)');
    expect(labels).toContain('time per operation (log scale)');
    expect(labels.some((t) => /^fit: slope (1\.9\d|2\.0\d) \(quadratic\)$/.test(t))).toBe(true);
    expect(labels).toEqual(expect.arrayContaining(['10', '100', '1,000', '10,000']));
  });

  it('draws the paired comparison with its interval whiskers and both refs on the axis', () => {
    const doc = charts.get('compare-beta.svg')!;
    const labels = texts(doc);
    expect(labels).toContain('change in p50 of head (feature/a&b) against base (main) (%)');
    expect(labels).toContain('beta/api/fast');
    expect(labels).toContain('95 % interval');
  });

  it('rejects markup that is not well-formed, so the checks above can fail', () => {
    expect(() => parseSvg('<svg><title>x</svg>', 'broken.svg')).toThrow(/broken\.svg/);
  });
});
