/** Escapes text for use in SVG element content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A coordinate with two decimals, so output never depends on float noise in the last digits. */
export function coord(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** A text element; `anchor` is the SVG text-anchor. */
export function text(
  x: number,
  y: number,
  content: string,
  options: {
    anchor?: 'start' | 'middle' | 'end';
    size?: number;
    weight?: 'bold';
    rotate?: boolean;
  } = {},
): string {
  const anchor = options.anchor ?? 'start';
  const size = options.size ?? 12;
  const weight = options.weight ? ` font-weight="${options.weight}"` : '';
  const rotate = options.rotate ? ` transform="rotate(-90 ${coord(x)} ${coord(y)})"` : '';
  return `<text x="${coord(x)}" y="${coord(y)}" font-size="${size}" text-anchor="${anchor}"${weight}${rotate}>${escapeXml(content)}</text>`;
}

/** A line segment. */
export function line(
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  stroke: string,
  extra = '',
): string {
  return `<line x1="${coord(x1)}" y1="${coord(y1)}" x2="${coord(x2)}" y2="${coord(y2)}" stroke="${stroke}"${extra ? ` ${extra}` : ''}/>`;
}

/** A filled rectangle. */
export function rect(x: number, y: number, width: number, height: number, fill: string): string {
  return `<rect x="${coord(x)}" y="${coord(y)}" width="${coord(Math.max(0, width))}" height="${coord(height)}" fill="${fill}"/>`;
}

/** One legend entry: a swatch and its label. */
export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  /** A bar swatch, a line swatch or a point swatch. */
  readonly shape: 'box' | 'line' | 'dot';
}

/** A horizontal legend starting at (x, y). */
export function legend(x: number, y: number, entries: readonly LegendEntry[]): string {
  let cursor = x;
  const parts: string[] = [`<g class="legend">`];
  for (const entry of entries) {
    if (entry.shape === 'box') parts.push(rect(cursor, y - 9, 12, 10, entry.color));
    else if (entry.shape === 'line')
      parts.push(line(cursor, y - 4, cursor + 12, y - 4, entry.color, 'stroke-width="2"'));
    else
      parts.push(
        `<circle cx="${coord(cursor + 6)}" cy="${coord(y - 4)}" r="3.5" fill="${entry.color}"/>`,
      );
    parts.push(text(cursor + 17, y, entry.label, { size: 11 }));
    cursor += 17 + entry.label.length * 6.2 + 18;
  }
  parts.push('</g>');
  return parts.join('');
}

/** A complete standalone SVG document with an accessible title. */
export function svgDocument(
  width: number,
  height: number,
  title: string,
  body: readonly string[],
): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="Helvetica, Arial, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    rect(0, 0, width, height, '#ffffff'),
    text(width / 2, 22, title, { anchor: 'middle', size: 15, weight: 'bold' }),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
