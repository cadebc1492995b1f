import { createServer, type RequestListener, type Server } from 'node:http';
import type { Engine } from '../engine/create-engine.js';
import type { HttpAppOptions } from './create-http-app.js';
import { guardAdmin, isAdminPath } from './admin-guard.js';
import { applyCors } from './cors.js';
import { hostChecker, hostRefusal, type AllowedHosts } from './host-check.js';
import { serveVendor } from './vendor-fast-path.js';
import { createVendorMounts, type VendorMountOptions } from './vendor-mounts.js';

/** Lets the server answer its first vendor request before Express (~80 ms to load) has loaded. */
const LOAD_EXPRESS_AFTER_MS = 50;

/**
 * Explicit limits for slow or idle clients (Node's defaults held a trickling client for minutes): the whole
 * header within 20 s, the whole request within 60 s (a large state import on loopback takes a few), an idle
 * keep-alive connection kept 65 s (as the bench's bare servers do), and a cap on open connections well above
 * what a test suite firing 1,000 requests at once needs.
 */
export const CONNECTION_LIMITS = { headersTimeoutMs: 20_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 65_000, maxConnections: 4096 };

/**
 * The HTTP host. Vendor requests go straight to their handlers; everything else (`/__admin`, 404s) goes to the
 * Express app, which is loaded just after the server starts listening, or by the first request that needs it.
 */
export interface HttpServerOptions extends VendorMountOptions, HttpAppOptions {
  /** Answers browsers' cross-origin requests and preflights on vendor mounts (default true, as Prism does); false sends no CORS headers. */
  cors?: boolean;
  /** Origins (`https://dash.example:8443`) granted CORS and state changes on /__admin; no other origin gets either. */
  adminCors?: readonly string[];
  /** Host names served beside IP literals and localhost (`.example.com` adds subdomains); `all` turns the check off. */
  allowedHosts?: AllowedHosts;
  /** Overrides of CONNECTION_LIMITS (tests use small ones). */
  limits?: Partial<typeof CONNECTION_LIMITS>;
}

export function createHttpServer(engine: Engine, options: HttpServerOptions): Server {
  const mounts = createVendorMounts(engine, options);
  let expressApp: Promise<RequestListener> | undefined;
  const loadExpress = (): Promise<RequestListener> =>
    (expressApp ??= import('./create-http-app.js').then(({ createHttpApp }) => createHttpApp(engine, options, mounts) as unknown as RequestListener));
  const cors = options.cors ?? true;
  const hostAllowed = hostChecker(options.allowedHosts ?? []);
  const adminCors = new Set((options.adminCors ?? []).map((origin) => origin.toLowerCase()));
  const limits = { ...CONNECTION_LIMITS, ...options.limits };
  const server = createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(30_000, limits.headersTimeoutMs / 2),
  }, (req, res) => {
    if (!hostAllowed(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(hostRefusal(req.headers.host!)));
      return;
    }
    if (isAdminPath(req.url ?? '/')) {
      if (guardAdmin(req, res, adminCors)) return;
    } else {
      if (cors && applyCors(req, res)) return;
      if (serveVendor(req, res, mounts)) return;
    }
    loadExpress().then(
      (app) => app(req, res),
      (error: unknown) => {
        options.logger.error({ err: error }, 'the admin host failed to load');
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'attrmock: admin host failed to load' }));
      },
    );
  });
  server.maxConnections = limits.maxConnections;
  server.once('listening', () => setTimeout(() => void loadExpress(), LOAD_EXPRESS_AFTER_MS).unref());
  return server;
}
