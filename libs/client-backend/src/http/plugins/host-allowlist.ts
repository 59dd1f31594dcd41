import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { ApiError } from '../errors.js';

/** The host part of a `Host` header, lower case, without port, brackets or a trailing dot. */
export function hostName(header: string): string {
  let host = header.trim().toLowerCase();
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    host = end === -1 ? host : host.slice(1, end);
  } else if (host.indexOf(':') === host.lastIndexOf(':')) {
    const colon = host.indexOf(':');
    if (colon !== -1) host = host.slice(0, colon);
  }
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

/** True for names and addresses that always mean this machine. */
export function isLoopbackName(host: string): boolean {
  const name = hostName(host);
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  return isIP(name) === 4 && name.startsWith('127.');
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', '']);

/**
 * Host names the server answers to: the loopback names and addresses, the address it is bound
 * to (unless that is a wildcard) and the names given with `--allowed-host`.
 */
export function allowedHostNames(boundHost: string, extra: readonly string[]): ReadonlySet<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1']);
  if (!WILDCARDS.has(boundHost)) names.add(hostName(boundHost));
  for (const name of extra) names.add(hostName(name));
  return names;
}

/**
 * Refuses requests whose `Host` header names another machine with 403, so a page on a foreign
 * domain that re-points its DNS name at this machine (DNS rebinding) cannot talk to it.
 */
export function installHostAllowlist(app: FastifyInstance, allowed: ReadonlySet<string>): void {
  app.addHook('onRequest', async (request) => {
    const header = request.headers.host;
    const name = header === undefined ? '' : hostName(header);
    if (allowed.has(name) || (name !== '' && isLoopbackName(name))) return;
    throw new ApiError('FORBIDDEN', 'the Host header names a host this server does not serve', [
      {
        field: 'host',
        rule: 'allowed-host',
        message: 'host must be a loopback name or one given with --allowed-host',
      },
    ]);
  });
}
