import { controlCharacterIndex } from '../runs/control-characters.js';
import { QueueUrlError } from './queue-errors.js';

/** Where a queue's Redis is, as ioredis takes it. */
export interface QueueUrl {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly db: number;
  readonly username: string | undefined;
  readonly password: string | undefined;
  /** The URL without its password, for messages and logs. */
  readonly display: string;
}

const MAX_URL_LENGTH = 2_048;
const DB_PATH = /^\/?(\d{1,2})?$/;

/**
 * Reads `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS). Throws
 * {@link QueueUrlError} naming `option` and the rule: the scheme, a missing host, a port
 * outside 1–65535, a database outside 0–15, control characters (NUL included), and values
 * that start with `-` (a flag taken for the value).
 */
export function parseQueueUrl(value: string, option = '--queue'): QueueUrl {
  const problem = (rule: string): QueueUrlError => new QueueUrlError(option, rule);
  if (value.startsWith('-'))
    throw problem(
      `looks like a flag, not a Redis URL (redis://host:port); give the URL after ${option}`,
    );
  if (controlCharacterIndex(value, false) !== -1)
    throw problem('must not contain control characters');
  if (value.length > MAX_URL_LENGTH)
    throw problem(`must be at most ${MAX_URL_LENGTH} characters, got ${value.length}`);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'redis' && scheme !== 'rediss')
    throw problem(
      `must start with redis:// or rediss://, got ${scheme === undefined ? 'no scheme' : `${scheme}:`}`,
    );
  const portText = /^rediss?:\/\/(?:[^@/]*@)?(?:\[[^\]]*\]|[^:/?#]*)(?::([^/?#]*))?/i.exec(
    value,
  )?.[1];
  if (
    portText !== undefined &&
    (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65_535)
  )
    throw problem(`port must be a number from 1 to 65535, got ${JSON.stringify(portText)}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw problem('is not a valid URL (redis://host:port)');
  }
  if (url.hostname === '') throw problem('names no host (redis://host:port)');
  const port =
    url.port === '' ? (portText === undefined ? 6379 : Number(portText)) : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw problem(`port must be a number from 1 to 65535, got ${portText ?? url.port}`);
  const db = DB_PATH.exec(url.pathname);
  if (db === null || Number(db[1] ?? 0) > 15)
    throw problem(
      `database must be a number from 0 to 15 (redis://host:port/0), got ${url.pathname}`,
    );
  if (url.search !== '' || url.hash !== '') throw problem('takes no query or fragment');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const username = url.username === '' ? undefined : decodeURIComponent(url.username);
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  return {
    host,
    port,
    tls: scheme === 'rediss',
    db: Number(db[1] ?? 0),
    username,
    password,
    display: `${scheme}://${url.hostname}:${port}/${Number(db[1] ?? 0)}`,
  };
}

/** The rule `value` breaks as a queue URL, or `undefined` when it is one. */
export function queueUrlProblem(value: string): string | undefined {
  try {
    parseQueueUrl(value, 'queue');
    return undefined;
  } catch (error) {
    return (error as QueueUrlError).message.replace(/^queue: /, '');
  }
}
