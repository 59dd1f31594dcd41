import type { RedisOptions } from 'ioredis';
import type { QueueUrl } from './queue-url.js';

/**
 * ioredis options for a queue URL. `blocking` connections (BullMQ's workers and event readers)
 * wait for Redis however long it is away, as BullMQ requires; the others fail a command at
 * once while Redis is unreachable, so the caller decides how long to wait before giving up.
 */
export function redisOptions(url: QueueUrl, kind: 'blocking' | 'command'): RedisOptions {
  return {
    host: url.host,
    port: url.port,
    db: url.db,
    ...(url.username !== undefined ? { username: url.username } : {}),
    ...(url.password !== undefined ? { password: url.password } : {}),
    ...(url.tls ? { tls: {} } : {}),
    connectionName: 'prismq-backend',
    // Reconnect quickly: the grace periods that decide a run's fate are counted from the loss.
    retryStrategy: (times) => Math.min(times * 100, 1_000),
    ...(kind === 'blocking'
      ? { maxRetriesPerRequest: null }
      : { maxRetriesPerRequest: 0, enableOfflineQueue: false, lazyConnect: true }),
  };
}
