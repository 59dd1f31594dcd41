import type { FastifyInstance, FastifyReply } from 'fastify';
import { ApiError } from '../errors.js';
import { loadPanelAssets, panelDirectory, type PanelAsset } from '../panel-assets.js';

/** Options of {@link panelPlugin}. */
export interface PanelPluginOptions {
  /** The built page; defaults to the package's `dist/panel`. */
  directory?: string;
}

/**
 * The page may load only what this server serves: no inline code, no other origin, no framing.
 * `connect-src` follows `default-src`, so the page's API calls stay on this origin too.
 */
export const PANEL_CONTENT_SECURITY_POLICY =
  "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

function send(reply: FastifyReply, asset: PanelAsset, ifNoneMatch: string | undefined) {
  reply
    .header('content-security-policy', PANEL_CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .header('etag', asset.etag)
    .type(asset.contentType);
  if (ifNoneMatch === asset.etag) return reply.code(304).send();
  return reply.send(asset.body);
}

/**
 * Serves the control panel page at `/` and its hashed assets under `/assets/`, from the files
 * built with the package. Without a built page, `/` answers 404 saying so.
 */
export async function panelPlugin(
  app: FastifyInstance,
  options: PanelPluginOptions = {},
): Promise<void> {
  const directory = options.directory ?? panelDirectory();
  const assets = loadPanelAssets(directory);
  if (assets === undefined) app.log.warn({ directory }, 'control panel page not built; / is off');
  const lookup = (url: string): PanelAsset => {
    const found = assets?.get(url);
    if (found === undefined)
      throw new ApiError(
        'NOT_FOUND',
        assets === undefined ? 'the control panel page was not built' : `no panel file ${url}`,
      );
    return found;
  };
  app.get('/', { schema: { hide: true } }, async (request, reply) =>
    send(reply, lookup('/'), request.headers['if-none-match']),
  );
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    { schema: { hide: true } },
    async (request, reply) =>
      send(reply, lookup(`/assets/${request.params.name}`), request.headers['if-none-match']),
  );
}
