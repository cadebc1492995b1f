import { createServer, type RequestListener, type Server } from 'node:http';
import type { Engine } from '../engine/create-engine.js';
import type { HttpAppOptions } from './create-http-app.js';
import { applyCors } from './cors.js';
import { serveVendor } from './vendor-fast-path.js';
import { createVendorMounts, type VendorMountOptions } from './vendor-mounts.js';

/** Lets the server answer its first vendor request before Express (~80 ms to load) has loaded. */
const LOAD_EXPRESS_AFTER_MS = 50;

/**
 * The HTTP host. Vendor requests go straight to their handlers; everything else (`/__admin`, 404s) goes to the
 * Express app, which is loaded just after the server starts listening, or by the first request that needs it.
 */
export interface HttpServerOptions extends VendorMountOptions, HttpAppOptions {
  /** Answers browsers' cross-origin requests and preflights (default true, as Prism does); false sends no CORS headers. */
  cors?: boolean;
}

export function createHttpServer(engine: Engine, options: HttpServerOptions): Server {
  const mounts = createVendorMounts(engine, options);
  let expressApp: Promise<RequestListener> | undefined;
  const loadExpress = (): Promise<RequestListener> =>
    (expressApp ??= import('./create-http-app.js').then(({ createHttpApp }) => createHttpApp(engine, options, mounts) as unknown as RequestListener));
  const cors = options.cors ?? true;
  const server = createServer((req, res) => {
    if (cors && applyCors(req, res)) return;
    if (serveVendor(req, res, mounts)) return;
    loadExpress().then(
      (app) => app(req, res),
      (error: unknown) => {
        options.logger.error({ err: error }, 'the admin host failed to load');
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'attrmock: admin host failed to load' }));
      },
    );
  });
  server.once('listening', () => setTimeout(() => void loadExpress(), LOAD_EXPRESS_AFTER_MS).unref());
  return server;
}
