import type { ModuleRegistry } from './module-registry.js';
import type { RunManager } from './run-manager.js';
import type { RunStore } from './run-store.js';

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
