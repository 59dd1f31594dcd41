import http from 'node:http';

/** A response read whole. */
export interface HttpResult {
  status: number;
  body: string;
}

/**
 * A keep-alive HTTP/1.1 client for one base URL. Node's `http` is used rather than `fetch`
 * because in the same process fetch's own overhead would dwarf the server time being measured.
 */
export class KeepAliveClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
  }

  request(method: string, path: string, body?: string): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {};
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const request = http.request(
        { host: this.host, port: this.port, method, path, agent: this.agent, headers },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  /** Sends `parameters` to `POST /api/modules/:id/runs` and returns the run id, failing on anything but 202. */
  async launch(
    moduleId: string,
    parameters: Record<string, unknown>,
  ): Promise<{ runId: string; status: string }> {
    const result = await this.request(
      'POST',
      `/api/modules/${moduleId}/runs`,
      JSON.stringify({ parameters, saveConfig: false }),
    );
    if (result.status !== 202)
      throw new Error(`launch of ${moduleId} answered ${result.status}: ${result.body}`);
    return JSON.parse(result.body) as { runId: string; status: string };
  }

  close(): void {
    this.agent.destroy();
  }
}
