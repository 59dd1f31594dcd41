import autocannon from 'autocannon';
import { quantileSorted } from 'simple-statistics';

/** Latency and rate of one autocannon run. */
export interface LatencyResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  non2xx: number;
}

/**
 * Loads `url` with autocannon. autocannon's summary has no p95, so every response time is
 * also collected from its `response` events and the percentiles are taken from those.
 */
export async function loadWithAutocannon(
  url: string,
  connections: number,
  durationSeconds: number,
): Promise<LatencyResult> {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: durationSeconds, pipelining: 1 },
      (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / durationSeconds,
    p50Ms: quantileSorted(times, 0.5),
    p95Ms: quantileSorted(times, 0.95),
    p99Ms: quantileSorted(times, 0.99),
    maxMs: times[times.length - 1] ?? 0,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}
