import path from 'node:path';
import type { LevelWithSilent } from 'pino';
import { AdminApi } from './admin/admin-api.js';
import type { LatencyRange } from './admin/latency.js';
import { QaControl } from './admin/qa-control.js';
import type { FileLogStore } from './admin/file-log-store.js';
import type { RedisLogStore } from './admin/redis-store.js';
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
  /** Largest request body in bytes for every vendor (default: each vendor's own limit, else 1 MiB); larger ones get the vendor's payload-too-large error. */
  bodyLimit?: number;
  vendors?: AnyVendorModule[];
  /**
   * Isolated session worlds held at once beside the default one (default 1000, fewer when worlds are large: see
   * `maxWorldBytes`); a new session beyond it takes the place of one idle for `sessionIdleSeconds`, or gets the
   * vendor's 429 with the seconds until one is.
   */
  maxSessions?: number;
  /** A session unused this long may be evicted for a new one (default 600). */
  sessionIdleSeconds?: number;
  /** Heap all session worlds may take together, roughly (default 1 GiB; the first world is weighed). */
  maxWorldBytes?: number;
  now?: () => Date;
  /** Added to every response, in milliseconds (drawn from the seeded random source). */
  latency?: LatencyRange;
  /** Requests per second per credential, by vendor (e.g. `{ snag: 250 }`); Looker limits itself, see its fixture. */
  rateLimits?: Record<string, number>;
  /**
   * Loads the state from this snapshot file and the write log beside it (`<file>.log.<n>`) at start; every 2xx
   * write is on disk before its answer is sent. See the README, "State file".
   */
  stateFile?: string;
  /** `redis://HOST:PORT[/DB]`: share the worlds with every attrmock on the same Redis (see the README, "Replicas"). */
  store?: string;
  /** With `store`: log records between the snapshots a joining replica starts from (default 10,000). */
  storeSnapshotEvery?: number;
  /** Requests the journal keeps (default 1000). */
  journalSize?: number;
  /** Where POST /__admin/scenarios/{name} looks (default `<fixtures>/scenarios`). */
  scenariosDir?: string;
  /** Protects /__admin but its health check: callers send `Authorization: Bearer <token>` or `x-attrmock-admin-token`. */
  adminToken?: string;
  /** Answers browsers' cross-origin requests and preflights on the vendor mounts, as Prism does (default true). */
  cors?: boolean;
}

/** One mock's world, control plane and admin API, ready for a host to serve. */
export interface MockParts {
  engine: Engine;
  control: QaControl;
  admin: AdminApi;
  logger: Logger;
  bodyLimit?: number;
  saver?: FileLogStore | RedisLogStore;
  /** Awaited before every admin call when replicas share a store: catch up; a change also takes the lock (see create-http-app). */
  enterAdmin?: (change: boolean) => Promise<(() => Promise<void>) | undefined>;
}

export async function assembleMock(options: MockSetupOptions): Promise<MockParts> {
  const root = packageRoot();
  const logger = options.logger ?? createLogger(options.logLevel ?? 'warn');
  const fixturesDir = options.fixturesDir ?? path.join(root, 'fixtures');
  const now = options.now ?? (() => new Date());
  const stateFile = options.stateFile;
  if (stateFile !== undefined && options.store !== undefined) throw new Error('give --state-file or --store, not both');
  const engine = await createEngine({
    specsDir: options.specsDir ?? path.join(root, 'specs'),
    fixturesDir,
    vendors: options.vendors ?? vendorRegistry,
    seed: options.seed ?? DEFAULT_SEED,
    maxSessions: options.maxSessions,
    sessionIdleMs: options.sessionIdleSeconds === undefined ? undefined : options.sessionIdleSeconds * 1000,
    maxWorldBytes: options.maxWorldBytes,
    responseValidation: options.responseValidation ?? 'log',
    now,
    recordWrites: stateFile !== undefined || options.store !== undefined,
    onResponseViolation: (op, response, diagnostics) =>
      logger.error({ vendor: op.vendor, operationId: op.operationId, status: response.status, diagnostics }, 'mock bug: response breaks the spec'),
  });
  // Each store (and ioredis) loads only when chosen: start-up time is a bench target, and the default keeps memory only.
  const shared = options.store === undefined ? undefined : await (await import('./admin/redis-store.js')).RedisLogStore.open(engine, options.store, (error, what) => logger.error({ err: error, what }, 'shared store'), options.storeSnapshotEvery);
  const saver = shared ?? (stateFile === undefined ? undefined : await (await import('./admin/file-log-store.js')).FileLogStore.open(engine, stateFile, {
    now,
    onError: (error, what) => logger.error({ file: stateFile, err: error, what }, 'state file not saved'),
    onSkippedLine: (file, line) => logger.warn({ file, line }, 'skipped a write-log line that was never finished (its write was never answered)'),
  }));
  const control = new QaControl(engine, {
    journalSize: options.journalSize ?? 1000,
    latency: options.latency,
    rateLimits: options.rateLimits ?? {},
    now,
    onStateChange: saver && (() => saver.changed()),
    onWrite: saver && ((command) => saver.append(command)),
    enter: shared && ((exclusive) => shared.enter(exclusive)),
    shareControl: shared && ((changes) => shared.shareControl(changes)),
    onControlChange: shared && (() => shared.changed()),
    shareEntry: shared && ((entry, body) => shared.shareEntry(entry, body)),
    onJournalClear: shared && ((session) => shared.journalCleared(session)),
  });
  await shared?.start(control);
  const admin = new AdminApi(control, options.scenariosDir ?? path.join(fixturesDir, 'scenarios'));
  const enterAdmin = shared && ((change: boolean) => shared.enter(change, true));
  return { engine, control, admin, logger, bodyLimit: options.bodyLimit, saver, enterAdmin };
}
