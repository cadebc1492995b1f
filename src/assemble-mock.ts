import path from 'node:path';
import type { LevelWithSilent } from 'pino';
import { AdminApi } from './admin/admin-api.js';
import type { LatencyRange } from './admin/latency.js';
import { QaControl } from './admin/qa-control.js';
import { openStateFile, type StateSaver } from './admin/state-file.js';
import { createEngine, type Engine } from './engine/create-engine.js';
import type { AnyVendorModule } from './engine/vendor.js';
import { createLogger, type Logger } from './logger.js';
import { packageRoot } from './package-root.js';
import { vendorRegistry } from './vendors/registry.js';

export const DEFAULT_SEED = 4010;

/** Everything about a mock but where it listens: shared by `startMock()` and `attrmockMiddleware()`. */
export interface MockSetupOptions {
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
  /** Requests the journal keeps (default 1000). */
  journalSize?: number;
  /** Where POST /__admin/scenarios/{name} looks (default `<fixtures>/scenarios`). */
  scenariosDir?: string;
  /** Protects /__admin but its health check: callers send `Authorization: Bearer <token>` or `x-attrmock-admin-token`. */
  adminToken?: string;
  /** Answers browsers' cross-origin requests and preflights, as Prism does (default true). */
  cors?: boolean;
}

/** One mock's world, control plane and admin API, ready for a host to serve. */
export interface MockParts {
  engine: Engine;
  control: QaControl;
  admin: AdminApi;
  logger: Logger;
  bodyLimit: number;
  saver?: StateSaver;
}

export async function assembleMock(options: MockSetupOptions): Promise<MockParts> {
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
  return { engine, control, admin, logger, bodyLimit: options.bodyLimit ?? 1024 * 1024, saver };
}
