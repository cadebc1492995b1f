import path from 'node:path';
import { compileOperations } from './compile-operations.js';
import { fixtureSource, type FixtureSource } from './fixture-source.js';
import type { ErrorDetail } from './errors.js';
import { handleRequest, type HandledRequest, type Intercept, type PipelineOptions } from './handle-request.js';
import { loadSpec } from './load-spec.js';
import { withUnmodelled } from './with-unmodelled.js';
import { RouteTable } from './match-route.js';
import type { MockRequest, MockResponse, Operation } from './types.js';
import type { AnyVendorModule } from './vendor.js';
import type { VendorRuntime } from './vendor-runtime.js';
import { warmValidators } from './warm-validators.js';
import { createWorld, vendorSeed, type World } from '../store/world.js';
import { exportWorld, importWorld, type WorldSnapshot } from '../store/world-snapshot.js';
import { DEFAULT_SESSION, Worlds } from '../store/worlds.js';

export interface EngineOptions extends Partial<PipelineOptions> {
  specsDir: string;
  fixturesDir: string;
  vendors: AnyVendorModule[];
  seed: number;
  /** Isolated session worlds held at once (default 1000). */
  maxSessions?: number;
  /** A session unused this long may be evicted for a new one (default 10 minutes). */
  sessionIdleMs?: number;
  /** Heap all session worlds may take together, roughly (default 1 GiB). */
  maxWorldBytes?: number;
}

export interface Engine {
  readonly vendorNames: string[];
  readonly seed: number;
  /**
   * Runs one request through the vendor's pipeline, in the named session's world; `intercept` may answer first.
   * A session that does not exist yet is made only for a request that authenticates and succeeds.
   */
  handle(vendor: string, req: MockRequest, session?: string, intercept?: Intercept): HandledRequest;
  /** True when the request would make a new session's world: the session is new and the request authenticates. */
  opensSession(vendor: string, req: MockRequest, session?: string): boolean;
  /** A vendor-format error outside any operation (a body over the limit, say). */
  formatError(vendor: string, detail: ErrorDetail): MockResponse;
  operations(vendor: string): Operation[];
  runtime(vendor: string): VendorRuntime;
  readonly worlds: Worlds;
  /** A fresh seeded world, as at start-up. */
  seededWorld(): World;
  /** Every vendor's state in the session's world, as JSON. */
  exportWorld(session?: string): WorldSnapshot;
  /**
   * Replaces the named vendors' states in the session's world, all or nothing (throws MockError 'validation').
   * `generation` (default: one more than the last) seeds the Faker for ids made after the import.
   */
  importWorld(snapshot: unknown, session?: string, generation?: number): void;
  /** How many imports have seeded a Faker; state files store it so a restart does not reuse ids. */
  readonly generation: number;
}

/** Loads every vendor's spec and fixtures, compiles all validators and routes, and seeds the default world. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const runtimes = new Map<string, VendorRuntime>();
  const fixtures = new Map<string, FixtureSource>();
  await Promise.all(
    options.vendors.map(async (module) => {
      checkName(module);
      const document = await loadSpec(path.join(options.specsDir, module.specFile));
      const spec = compileOperations(module.name, document);
      checkHandlers(module, spec.operations.map((entry) => entry.op.operationId));
      const own: VendorRuntime = { module, spec, routes: new RouteTable(spec.operations) };
      const extra = module.unmodelledSpec;
      runtimes.set(module.name, extra ? withUnmodelled(own, path.join(options.specsDir, extra.file), extra) : own);
      fixtures.set(module.name, module.fixtureFile ? await fixtureSource(path.join(options.fixturesDir, module.fixtureFile)) : () => undefined);
    }),
  );
  // A vendor's wider spec is not warmed: its operations compile on first use, its size costs no background CPU.
  warmValidators([...runtimes.values()].map((r) => r.spec), (vendor, problem) => process.emitWarning(`${vendor} ${problem}`));
  const vendors = options.vendors.filter((v) => runtimes.has(v.name));
  const seededWorld = (): World => createWorld(vendors, fixtures, options.seed);
  const worlds = new Worlds(seededWorld, { maxSessions: options.maxSessions, idleMs: options.sessionIdleMs, maxBytes: options.maxWorldBytes, now: options.now });
  worlds.get();
  const pipeline: PipelineOptions = {
    responseValidation: options.responseValidation ?? 'log',
    now: options.now ?? (() => new Date()),
    onResponseViolation: options.onResponseViolation,
  };
  const runtime = (vendor: string): VendorRuntime => {
    const found = runtimes.get(vendor);
    if (!found) throw new Error(`unknown vendor ${vendor}`);
    return found;
  };
  const exists = (session: string | undefined): boolean => session === undefined || session === DEFAULT_SESSION || worlds.has(session);
  /** A new session's world is seeded, so the seeded world's credentials are the ones it would accept. */
  const authenticates = (vendor: VendorRuntime, req: MockRequest): boolean => {
    const match = vendor.routes.match(req.method, req.path);
    if (match.kind !== 'found') return false;
    try {
      vendor.module.authenticate({ req, op: match.entry.op, state: worlds.seeded().get(vendor.module.name)!.state, now: pipeline.now });
      return true;
    } catch {
      return false;
    }
  };
  const handle = (vendor: string, req: MockRequest, session: string | undefined, intercept?: Intercept): HandledRequest => {
    const rt = runtime(vendor);
    if (exists(session)) return handleRequest(rt, worlds.get(session).get(vendor)!, req, pipeline, intercept);
    // Refused before the vendor's handler runs, so the shared seeded world answers it unchanged.
    if (!authenticates(rt, req)) return handleRequest(rt, worlds.seeded().get(vendor)!, req, pipeline, intercept);
    const handled = handleRequest(rt, worlds.get(session).get(vendor)!, req, pipeline, intercept);
    // A failed first request (a wrong login) leaves nothing a seeded world lacks: keep no world for it.
    if (handled.response.status >= 400) worlds.reset(session);
    return handled;
  };
  let generation = 0;
  return {
    vendorNames: vendors.map((v) => v.name),
    seed: options.seed,
    get generation() {
      return generation;
    },
    exportWorld: (session) => exportWorld(vendors, worlds.peek(session) ?? worlds.seeded()),
    importWorld: (snapshot, session, next = generation + 1) => {
      worlds.set(session ?? DEFAULT_SESSION, importWorld(vendors, worlds.get(session), snapshot, vendorSeed(options.seed, `import ${next}`)));
      generation = Math.max(generation, next);
    },
    worlds,
    seededWorld,
    runtime,
    handle,
    opensSession: (vendor, req, session) => !exists(session) && authenticates(runtime(vendor), req),
    formatError: (vendor, detail) => runtime(vendor).module.formatError(detail, undefined),
    operations: (vendor) => {
      const { spec, unmodelled } = runtime(vendor);
      return [...spec.operations, ...(unmodelled?.spec.operations ?? [])].map((entry) => entry.op);
    },
  };
}

/** A handler for an operation the spec lacks is a typo that would silently never run: refuse to start. */
/** The name is the mount point and part of each schema's id, so it must be a lower-case URL segment. */
function checkName(module: AnyVendorModule): void {
  if (!/^[a-z][a-z0-9-]*$/.test(module.name)) {
    throw new Error(`vendor name "${module.name}" must be lower-case letters, digits and dashes, starting with a letter`);
  }
}

function checkHandlers(module: AnyVendorModule, operationIds: string[]): void {
  const known = new Set(operationIds);
  const unknown = Object.keys(module.handlers).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new Error(`${module.name}: handlers for operations not in ${module.specFile}: ${unknown.join(', ')}`);
  }
}
