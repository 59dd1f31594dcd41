import type { Redis } from 'ioredis';
import { parseEntry, type RunStreamEntry } from './queue-protocol.js';

/** What the reader hands on: one entry of a run's stream, in stream order. */
export type RunStreamVisitor = (
  runId: string,
  id: string,
  entry: RunStreamEntry | undefined,
) => void;

type XReadReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

// Entries per stream per read: each holds a batch of lines, so this bounds one read's memory.
const ENTRIES_PER_READ = 64;
const BLOCK_MS = 1_000;

/**
 * Reads the streams of every remote run this server follows with one blocking `XREAD`, each
 * from the id after the last entry it handed on, so nothing is read twice or skipped. A run
 * added while the read blocks is picked up at once: adding writes to a wake-up stream that
 * the same read waits on.
 */
export class RunStreamReader {
  private readonly cursors = new Map<string, { key: string; lastId: string }>();
  private wakeLastId = '$';
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly reader: Redis,
    private readonly commands: Redis,
    private readonly wakeKey: string,
    private readonly visit: RunStreamVisitor,
    private readonly health: { ok(): void; trouble(error: unknown): void },
  ) {}

  /** Follows a run's stream from the entry after `afterId` (from its start by default). */
  add(runId: string, key: string, afterId = '0-0'): void {
    this.cursors.set(runId, { key, lastId: afterId });
    this.commands.xadd(this.wakeKey, 'MAXLEN', '~', '100', '*', 'r', runId).catch(() => undefined);
  }

  /** Stops following a run. */
  remove(runId: string): void {
    this.cursors.delete(runId);
  }

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.commands.xadd(this.wakeKey, 'MAXLEN', '~', '100', '*', 'r', 'stop').catch(() => undefined);
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const runs = [...this.cursors.entries()];
      let reply: XReadReply;
      try {
        reply = (await this.reader.call(
          'XREAD',
          'COUNT',
          ENTRIES_PER_READ,
          'BLOCK',
          BLOCK_MS,
          'STREAMS',
          this.wakeKey,
          ...runs.map(([, cursor]) => cursor.key),
          this.wakeLastId,
          ...runs.map(([, cursor]) => cursor.lastId),
        )) as XReadReply;
        this.health.ok();
      } catch (error) {
        if (!this.running) return;
        this.health.trouble(error);
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      for (const [key, entries] of reply ?? []) {
        if (key === this.wakeKey) {
          this.wakeLastId = entries[entries.length - 1]?.[0] ?? this.wakeLastId;
          continue;
        }
        const run = runs.find(([, cursor]) => cursor.key === key);
        if (run === undefined) continue;
        const [runId, cursor] = run;
        for (const [id, fields] of entries) {
          if (this.cursors.get(runId) !== cursor) break;
          cursor.lastId = id;
          this.visit(runId, id, parseEntry(fields));
        }
        // What is handed on is on disk: Redis need not hold it any longer. The stream keeps
        // its newest id after trimming, so the ids of a worker's repeated writes still clash.
        this.commands.xtrim(key, 'MINID', cursor.lastId).catch(() => undefined);
      }
    }
  }
}
