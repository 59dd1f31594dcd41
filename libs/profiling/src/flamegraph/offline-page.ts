import { escapeMarkup } from './flame-graph-svg.js';

/** Only inline styles and scripts: the page cannot load anything, so it works offline and from file://. */
export const OFFLINE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/** The parts of a self-contained page. */
export interface OfflinePage {
  /** Plain text; escaped here. */
  title: string;
  /** CSS, inlined. */
  style: string;
  /** HTML markup of the body, used as it is. */
  body: string;
  /** JavaScript, inlined at the end of the body. */
  script?: string;
}

/**
 * An HTML document whose content security policy ({@link OFFLINE_CSP}) forbids every request,
 * so it shows the same from file://, a CI artifact or a server, and never reaches the network.
 */
export function renderOfflinePage(page: OfflinePage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${OFFLINE_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(page.title)}</title>
<style>${page.style}</style>
</head>
<body>
${page.body}
${page.script ? `<script>${page.script}</script>\n` : ''}</body>
</html>
`;
}
