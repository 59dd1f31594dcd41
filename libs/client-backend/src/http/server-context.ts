import type { ModuleRegistry } from '../registry/module-registry.js';
import type { RunManager } from '../runs/run-manager.js';
import type { RunStore } from '../store/run-store.js';

/** What the route plugins share. */
export interface ServerContext {
  registry: ModuleRegistry;
  manager: RunManager;
  store: RunStore;
  version: string;
  /** `performance.now()` at start, for uptime. */
  startedAtMs: number;
  /** Interval of SSE keep-alive comments. */
  sseKeepAliveMs: number;
}
