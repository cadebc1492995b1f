import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import type { LevelWithSilent } from 'pino';
import { AdminApi } from './admin/admin-api.js';
import type { LatencyRange } from './admin/latency.js';
import { QaControl } from './admin/qa-control.js';
import { openStateFile, type StateSaver } from './admin/state-file.js';
import { createEngine, type Engine } from './engine/create-engine.js';
import type { AnyVendorModule } from './engine/vendor.js';
import { createHttpServer } from './http/create-http-server.js';
import { createLogger, type Logger } from './logger.js';
import { packageRoot } from './package-root.js';
import { startProxies } from './proxy/start-proxies.js';
import { vendorRegistry } from './vendors/registry.js';

export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_SEED = 4010;

export interface MockOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Seeds Faker: the same seed gives the same world. Default 4010. */
  seed?: number;
  specsDir?: string;
  fixturesDir?: string;
  /** 'fail' answers a 500 when the mock breaks its own spec (for test suites); default 'log'. */
  responseValidation?: 'fail' | 'log';
  logLevel?: LevelWithSilent;
  logger?: Logger;
  /** Largest request body in bytes (default 1 MiB); larger ones get the vendor's 413. */
  bodyLimit?: number;
  vendors?: AnyVendorModule[];
  /** Isolated session worlds held at once (default 1000); a new session beyond it gets the vendor's 429. */
  maxSessions?: number;
  now?: () => Date;
  /** Added to every response, in milliseconds (drawn from the seeded random source). */
  latency?: LatencyRange;
  /** Requests per second per credential, by vendor (e.g. `{ snag: 250 }`); Looker limits itself, see its fixture. */
  rateLimits?: Record<string, number>;
  /** Loads the state from this file at start and saves it after every change (write, then rename). */
  stateFile?: string;
  /** Protects /__admin but its health check: callers send `Authorization: Bearer <token>` or `x-attrmock-admin-token`. */
  adminToken?: string;
  /** Answers browsers' cross-origin requests and preflights, as Prism does (default true). */
  cors?: boolean;
  /** Requests the journal keeps (default 1000). */
  journalSize?: number;
  /** Where POST /__admin/scenarios/{name} looks (default `<fixtures>/scenarios`). */
  scenariosDir?: string;
  /** Vendors to pass to a real server, e.g. `{ snag: 'https://admin.snagsolutions.io' }`: see src/proxy. */
  proxy?: Record<string, string>;
  /** Appends every proxied exchange to this JSON Lines file, credentials redacted. */
  record?: string;
}

export interface RunningMock {
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
  const root = packageRoot();
  const logger = options.logger ?? createLogger(options.logLevel ?? 'warn');
  const fixturesDir = options.fixturesDir ?? path.join(root, 'fixtures');
  const now = options.now ?? (() => new Date());
  const engine = await createEngine({
    specsDir: options.specsDir ?? path.join(root, 'specs'),
    fixturesDir,
    vendors: options.vendors ?? vendorRegistry,
    seed: options.seed ?? DEFAULT_SEED,
    maxSessions: options.maxSessions,
    responseValidation: options.responseValidation ?? 'log',
    now,
    onResponseViolation: (op, response, diagnostics) =>
      logger.error({ vendor: op.vendor, operationId: op.operationId, status: response.status, diagnostics }, 'mock bug: response breaks the spec'),
  });
  let saver: StateSaver | undefined;
  const control = new QaControl(engine, {
    journalSize: options.journalSize ?? 1000,
    latency: options.latency,
    rateLimits: options.rateLimits ?? {},
    now,
    onStateChange: () => saver?.changed(),
  });
  if (options.stateFile) {
    saver = await openStateFile(engine, options.stateFile, now, (error) => logger.error({ file: options.stateFile, err: error }, 'state file not saved'));
  }
  const admin = new AdminApi(control, options.scenariosDir ?? path.join(fixturesDir, 'scenarios'));
  const proxy = startProxies(engine, control, logger, options);
  const httpServer = createHttpServer(engine, { logger, bodyLimit: options.bodyLimit ?? 1024 * 1024, control, admin, adminToken: options.adminToken, cors: options.cors, proxies: proxy.handlers });
  const host = options.host ?? DEFAULT_HOST;
  const server = await listen(httpServer, options.port ?? DEFAULT_PORT, host);
  const { address, port, family } = server.address() as AddressInfo;
  if (!isLoopback(address) && options.adminToken === undefined) logger.warn({ host, address }, 'listening beyond loopback with an unprotected admin API; set --admin-token');
  const allInterfaces = address === '0.0.0.0' || address === '::';
  // A client cannot connect to "every interface"; loopback of the same family is where one on this machine can.
  const urlHost = allInterfaces ? (family === 'IPv6' ? '[::1]' : '127.0.0.1') : family === 'IPv6' ? `[${address.replace('%', '%25')}]` : address;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    address,
    allInterfaces,
    engine,
    control,
    reset: (session) => control.reset(session),
    flush: async () => saver?.flush(),
    close: async () => {
      await closeServer(server);
      await Promise.all([saver?.flush(), proxy.recording?.close()]);
    },
  };
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  server.keepAliveTimeout = 65_000;
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
