import type { ApiLogLine } from './api-types.js';

/** Most lines kept on the page; older ones leave the top as new ones arrive. */
const MAX_RENDERED_LINES = 5_000;

const LEVEL_MARK: Record<ApiLogLine['level'], string> = {
  error: 'error',
  warning: 'warning',
  info: '',
  debug: 'debug',
};

/**
 * Appends log lines to a list element, at most once per animation frame however fast they come:
 * a busy run would otherwise re-layout the page per line. Keeps the view at the bottom while
 * `follow` is on.
 */
export class LogRenderer {
  private queue: ApiLogLine[] = [];
  private frame: number | undefined;
  private dropped = 0;
  follow = true;

  constructor(
    private readonly list: HTMLOListElement,
    private readonly scroller: HTMLElement,
    private readonly onRendered: (shown: { count: number; dropped: number }) => void,
  ) {}

  append(lines: readonly ApiLogLine[]): void {
    for (const line of lines) this.queue.push(line);
    // A hidden tab gets no animation frames: keep only what the next frame could show.
    if (this.queue.length > 2 * MAX_RENDERED_LINES) {
      const excess = this.queue.length - MAX_RENDERED_LINES;
      this.queue.splice(0, excess);
      this.dropped += excess;
    }
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** Scrolls to the newest line now (when following is switched back on). */
  scrollToEnd(): void {
    this.scroller.scrollTop = this.scroller.scrollHeight;
  }

  dispose(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    this.frame = undefined;
    this.queue = [];
  }

  private flush(): void {
    this.frame = undefined;
    const batch = this.queue.slice(-MAX_RENDERED_LINES);
    this.dropped += this.queue.length - batch.length;
    this.queue = [];
    const fragment = document.createDocumentFragment();
    for (const line of batch) fragment.append(this.lineElement(line));
    this.list.append(fragment);
    while (this.list.childElementCount > MAX_RENDERED_LINES) {
      this.list.firstElementChild?.remove();
      this.dropped += 1;
    }
    if (this.follow) this.scrollToEnd();
    this.onRendered({ count: this.list.childElementCount, dropped: this.dropped });
  }

  private lineElement(line: ApiLogLine): HTMLLIElement {
    const item = document.createElement('li');
    item.className = `log-line level-${line.level} stream-${line.stream}`;
    item.dataset['seq'] = String(line.seq);
    const seq = document.createElement('span');
    seq.className = 'log-seq';
    seq.textContent = String(line.seq);
    item.append(seq);
    const mark = LEVEL_MARK[line.level];
    if (mark !== '') {
      const badge = document.createElement('span');
      badge.className = 'log-mark';
      badge.textContent = mark;
      item.append(badge);
    }
    const text = document.createElement('span');
    text.className = 'log-text';
    // textContent, never HTML: module output is untrusted.
    text.textContent = line.truncated ? `${line.text} …[truncated]` : line.text;
    item.append(text);
    return item;
  }
}
