import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { QaControl } from './admin/qa-control.js';
import { assembleMock, type MockSetupOptions } from './assemble-mock.js';
import type { Engine } from './engine/create-engine.js';
import { CONNECTION_LIMITS, createHttpServer } from './http/create-http-server.js';
import { mockVerification, type MockVerification } from './verify/mock-verification.js';
import type { Proxies } from './proxy/start-proxies.js';

export { DEFAULT_SEED, type MockSetupOptions } from './assemble-mock.js';
export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

export interface MockOptions extends MockSetupOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Origins granted CORS and state changes on /__admin (`--admin-cors`); by default no other origin gets either. */
  adminCors?: string[];
  /**
   * Host names served beside IP literals, `localhost` and `*.localhost` (`--allowed-hosts`; `.example.com` adds its
   * subdomains); `'all'` turns the check off. A name given as `host` is always allowed.
   */
  allowedHosts?: string[] | 'all';
  /** Slow-client timeouts and the open-connection cap (defaults: CONNECTION_LIMITS). */
  connectionLimits?: Partial<typeof CONNECTION_LIMITS>;
  /** Vendors to pass to a real server, e.g. `{ snag: 'https://admin.snagsolutions.io' }`: see src/proxy. */
  proxy?: Record<string, string>;
  /** Appends every proxied exchange to this JSON Lines file, credentials redacted. */
  record?: string;
}

export interface RunningMock extends MockVerification {
  /**
   * e.g. `http://127.0.0.1:4010`; vendors live at `${url}/snag`, `${url}/lightdash`, `${url}/looker`. Bound to all
   * interfaces (`0.0.0.0`, `::`), it is the loopback URL of the same family, which a client on this machine can reach.
   */
  url: string;
  port: number;
  /** The address the server is bound to, as the OS reports it (`0.0.0.0` for all IPv4 interfaces). */
  address: string;
  /** True when bound to every interface (`0.0.0.0`, `::`), not to one address. */
  allInterfaces: boolean;
  engine: Engine;
  control: QaControl;
  /** Restores the seeded world, with no fault rules and an empty journal (of one session, or all). */
  reset(session?: string): void;
  /** Resolves once every change is in the state file (at once without one). */
  flush(): Promise<void>;
  /** Stops listening and flushes the state file. */
  close(): Promise<void>;
}

/**
 * Starts attrmock in-process, e.g. in a vitest `beforeAll`:
 * `const mock = await startMock({ port: 0 }); fetch(`${mock.url}/snag/api/website_user_attributes`)`.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  checkSecurityOptions(options);
  const { engine, control, admin, logger, bodyLimit, saver, enterAdmin } = await assembleMock(options);
  // The proxy modules load only when asked for: start-up time is a bench target, and most runs proxy nothing.
  const proxy: Proxies = options.proxy !== undefined || options.record !== undefined ? (await import('./proxy/start-proxies.js')).startProxies(engine, control, logger, options) : {};
  const host = options.host ?? DEFAULT_HOST;
  const allowedHosts = options.allowedHosts === 'all' ? 'all' : [...(options.allowedHosts ?? []), host];
  if (allowedHosts === 'all') logger.warn('--allowed-hosts all: any Host is served, so a web page on any site can reach the mock through DNS rebinding');
  const httpServer = createHttpServer(engine, {
    logger,
    bodyLimit,
    control,
    admin,
    adminToken: options.adminToken,
    cors: options.cors,
    adminCors: options.adminCors?.map(normaliseOrigin),
    allowedHosts,
    limits: options.connectionLimits,
    enterAdmin,
    proxies: proxy.handlers,
  });
  const server = await listen(httpServer, options.port ?? DEFAULT_PORT, host);
  const { address, port, family } = server.address() as AddressInfo;
  if (!isLoopback(address) && options.adminToken === undefined) logger.warn({ host, address }, 'listening beyond loopback with an unprotected admin API; set --admin-token');
  const allInterfaces = address === '0.0.0.0' || address === '::';
  // A client cannot connect to "every interface"; loopback of the same family is where one on this machine can.
  const urlHost = allInterfaces ? (family === 'IPv6' ? '[::1]' : '127.0.0.1') : family === 'IPv6' ? `[${address.replace('%', '%25')}]` : address;
  const url = `http://${urlHost}:${port}`;
  return {
    ...mockVerification(() => control, () => url),
    url,
    port,
    address,
    allInterfaces,
    engine,
    control,
    reset: (session) => control.reset(session),
    flush: async () => saver?.flush(),
    close: async () => {
      await closeServer(server);
      await Promise.all([saver?.close(), proxy.recording?.close()]);
    },
  };
}

/** Refuses, before anything starts, options that would silently leave the admin API open or never match. */
function checkSecurityOptions(options: MockOptions): void {
  // A replica answers through the shared store's turn, which has no way to hand a request to the real vendor yet.
  if (options.store !== undefined && Object.keys(options.proxy ?? {}).length > 0) throw new Error('--proxy cannot be combined with --store yet: run the proxy as its own attrmock');
  // An empty token would turn protection off and hide the open-admin warning.
  if (options.adminToken !== undefined && options.adminToken.trim() === '') throw new Error('--admin-token (or ATTRMOCK_ADMIN_TOKEN) is empty: give a token, or leave it unset');
  for (const origin of options.adminCors ?? []) normaliseOrigin(origin);
  if (options.allowedHosts !== undefined && options.allowedHosts !== 'all') {
    for (const name of options.allowedHosts) if (!/^\.?[a-z0-9_-]+(\.[a-z0-9_-]+)*$/i.test(name)) throw new Error(`--allowed-hosts ${name}: give a host name (example.com, or .example.com for it and its subdomains), or all`);
  }
}

/** `HTTPS://Dash.example:443/` → `https://dash.example`, as browsers send `Origin`. */
function normaliseOrigin(origin: string): string {
  let url: URL | undefined;
  try {
    url = new URL(origin);
  } catch {
    /* refused below */
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null' || (url.pathname !== '/' || url.search || url.hash || url.username)) {
    throw new Error(`--admin-cors ${origin}: give an origin as browsers send it, e.g. https://dashboard.example:8443`);
  }
  return url.origin;
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
