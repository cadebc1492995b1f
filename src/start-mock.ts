import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import path from 'node:path';
import type { LevelWithSilent } from 'pino';
import { createEngine, type Engine } from './engine/create-engine.js';
import type { AnyVendorModule } from './engine/vendor.js';
import { createHttpApp } from './http/create-http-app.js';
import { createLogger, type Logger } from './logger.js';
import { packageRoot } from './package-root.js';
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
  now?: () => Date;
}

export interface RunningMock {
  /** e.g. `http://127.0.0.1:4010`; vendors live at `${url}/snag`, `${url}/lightdash`, `${url}/looker`. */
  url: string;
  port: number;
  engine: Engine;
  /** Restores the seeded world (of one session, or all). */
  reset(session?: string): void;
  close(): Promise<void>;
}

/**
 * Starts attrmock in-process, e.g. in a vitest `beforeAll`:
 * `const mock = await startMock({ port: 0 }); fetch(`${mock.url}/snag/api/website_user_attributes`)`.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const root = packageRoot();
  const logger = options.logger ?? createLogger(options.logLevel ?? 'warn');
  const engine = await createEngine({
    specsDir: options.specsDir ?? path.join(root, 'specs'),
    fixturesDir: options.fixturesDir ?? path.join(root, 'fixtures'),
    vendors: options.vendors ?? vendorRegistry,
    seed: options.seed ?? DEFAULT_SEED,
    responseValidation: options.responseValidation ?? 'log',
    now: options.now,
    onResponseViolation: (op, response, diagnostics) =>
      logger.error({ vendor: op.vendor, operationId: op.operationId, status: response.status, diagnostics }, 'mock bug: response breaks the spec'),
  });
  const app = createHttpApp(engine, { logger, bodyLimit: options.bodyLimit ?? 1024 * 1024 });
  const host = options.host ?? DEFAULT_HOST;
  const server = await listen(app, options.port ?? DEFAULT_PORT, host);
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    engine,
    reset: (session) => engine.worlds.reset(session),
    close: () => closeServer(server),
  };
}

function listen(app: ReturnType<typeof createHttpApp>, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.keepAliveTimeout = 65_000;
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
