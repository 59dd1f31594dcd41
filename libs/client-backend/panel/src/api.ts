import type {
  ApiLogLine,
  ErrorDetail,
  ModuleDefinition,
  RunRecord,
  RunResults,
  RunStatus,
} from './api-types.js';
import type { TokenKeeper } from './token-keeper.js';

/** A refused API call, carrying the server's error shape. */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

async function errorFrom(response: Response): Promise<ApiRequestError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const error = body.error ?? {};
  return new ApiRequestError(
    response.status,
    typeof error.code === 'string' ? error.code : `HTTP_${response.status}`,
    typeof error.message === 'string' ? error.message : `${response.status} ${response.statusText}`,
    Array.isArray(error.details) ? (error.details as ErrorDetail[]) : [],
  );
}

/** Parameter values as the run form sends them. */
export type ParameterValues = Record<string, string | number | boolean>;

/** One page of a run's log (`GET /api/runs/:runId/logs`). */
export interface LogPage {
  lines: ApiLogLine[];
  totalLines: number;
  truncated: boolean;
}

/**
 * The HTTP API as the page uses it. Every call carries the tab's token; a 401 asks the person
 * for a token and repeats the call with it.
 */
export class PanelApi {
  constructor(
    private readonly tokens: TokenKeeper,
    private readonly fetchImpl: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  /** Sends a request with the token, asking for one and retrying on 401. */
  async send(path: string, init: RequestInit = {}): Promise<Response> {
    for (;;) {
      const token = this.tokens.current();
      const headers = new Headers(init.headers);
      if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
      const response = await this.fetchImpl(path, { ...init, headers });
      if (response.status !== 401) return response;
      await response.body?.cancel();
      await this.tokens.request(token);
    }
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.send(path, init);
    if (!response.ok) throw await errorFrom(response);
    return (await response.json()) as T;
  }

  private withBody(method: string, body: unknown): RequestInit {
    return { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }

  async modules(): Promise<ModuleDefinition[]> {
    return (await this.json<{ modules: ModuleDefinition[] }>('/api/modules')).modules;
  }

  /** Declared defaults with the saved config on top. */
  async moduleConfig(moduleId: string): Promise<ParameterValues> {
    const path = `/api/modules/${encodeURIComponent(moduleId)}/config`;
    return (await this.json<{ parameters: ParameterValues }>(path)).parameters;
  }

  launch(moduleId: string, parameters: ParameterValues, saveConfig: boolean): Promise<RunRecord> {
    return this.json(
      `/api/modules/${encodeURIComponent(moduleId)}/runs`,
      this.withBody('POST', { parameters, saveConfig }),
    );
  }

  runs(query: {
    limit: number;
    offset: number;
    status?: RunStatus;
  }): Promise<{ runs: RunRecord[]; total: number }> {
    const search = new URLSearchParams({
      limit: String(query.limit),
      offset: String(query.offset),
    });
    if (query.status !== undefined) search.set('status', query.status);
    return this.json(`/api/runs?${search}`);
  }

  run(runId: string): Promise<RunRecord> {
    return this.json(`/api/runs/${encodeURIComponent(runId)}`);
  }

  cancel(runId: string): Promise<RunRecord> {
    return this.json(`/api/runs/${encodeURIComponent(runId)}`, { method: 'DELETE' });
  }

  /** Without `afterSeq` the newest `tail` lines; with it the next `tail` lines after it. */
  logs(runId: string, page: { tail: number; afterSeq?: number }): Promise<LogPage> {
    const search = new URLSearchParams({ tail: String(page.tail) });
    if (page.afterSeq !== undefined) search.set('afterSeq', String(page.afterSeq));
    return this.json(`/api/runs/${encodeURIComponent(runId)}/logs?${search}`);
  }

  results(runId: string): Promise<RunResults> {
    return this.json(`/api/runs/${encodeURIComponent(runId)}/results`);
  }

  /** The run's whole log file, for saving (a link could not carry the token). */
  async logFile(runId: string): Promise<Blob> {
    const response = await this.send(`/api/runs/${encodeURIComponent(runId)}/logs/download`);
    if (!response.ok) throw await errorFrom(response);
    return response.blob();
  }

  /** One result file of the run, by its name in the results listing (`a/b.json` for a subfolder). */
  async resultFile(runId: string, name: string): Promise<Blob> {
    const filePath = name.split('/').map(encodeURIComponent).join('/');
    const response = await this.send(`/api/runs/${encodeURIComponent(runId)}/results/${filePath}`);
    if (!response.ok) throw await errorFrom(response);
    return response.blob();
  }

  /** Opens the run's SSE log stream after `afterSeq`; the caller reads the body. */
  async openLogStream(runId: string, afterSeq: number, signal: AbortSignal): Promise<Response> {
    const response = await this.send(`/api/runs/${encodeURIComponent(runId)}/logs/stream`, {
      headers: { accept: 'text/event-stream', 'last-event-id': String(afterSeq) },
      signal,
      cache: 'no-store',
    });
    if (!response.ok) throw await errorFrom(response);
    return response;
  }
}
