import type { Engine } from '../engine/create-engine.js';
import type { ErrorDetail } from '../engine/errors.js';
import type { HandledRequest, Intercept } from '../engine/handle-request.js';
import type { MockRequest, Operation } from '../engine/types.js';
import { redactQuery } from '../logger.js';
import { DEFAULT_SESSION } from '../store/worlds.js';
import { vendorSeed } from '../store/world.js';
import type { FiredFault } from './fault-rule.js';
import { FaultRules, type FaultRuleChanges, type FaultRulesState } from './fault-rules.js';
import { Journal, type JournalEntry } from './journal.js';
import type { LatencyRange } from './latency.js';
import { RateLimiter, type RateWindow } from '../engine/rate-limiter.js';
import { RecordedResponse, type SentResponse } from './recorded-response.js';
import { keepBody, redactHeaders, type KeptBody } from './redact.js';
import { SeededRandom } from './seeded-random.js';

export interface QaControlOptions {
  /** Entries the journal keeps (oldest dropped first). */
  journalSize: number;
  /** Bytes of entries the journal keeps, at most (default DEFAULT_JOURNAL_BYTES). */
  journalBytes?: number;
  /** Added to every response. */
  latency?: LatencyRange;
  /** Requests per second per credential, by vendor. */
  rateLimits: Record<string, number>;
  now(): Date;
  /** Called after anything that changed a world (a write, an import, a reset): the hook for state files. */
  onStateChange?(): void;
  /** Given instead of onStateChange for a write the engine recorded as a command; its answer waits for the promise. */
  onWrite?(command: string): Promise<void>;
  /**
   * A store shared by replicas: awaited before each request to catch up; when `exclusive` says so (a write, or a
   * request that fault rules or rate limits count), it also takes the store's lock and gives its release. It throws
   * when the store cannot be reached.
   */
  enter?(exclusive: boolean | (() => boolean)): Promise<(() => Promise<void>) | undefined>;
  /** With a shared store: what a request did to fault counters and rate-limit windows, for the other replicas. */
  shareControl?(changes: ControlChanges): void;
  /** Called after an admin change to fault rules (not to a world): a shared store passes it on. */
  onControlChange?(): void;
  /** With a shared store: each journal entry as this replica adds it, and each clear, for the other replicas. */
  shareEntry?(entry: Omit<JournalEntry, 'id' | 'body'>, body: KeptBody | undefined): void;
  onJournalClear?(session: string | undefined): void;
}

/** The QA state replicas share beside the worlds: fault rules with their counters and draws, rate-limit windows. */
export interface ControlState {
  faults: FaultRulesState;
  windows: RateWindow[];
}

/** What one request did to the shared QA state. */
export interface ControlChanges {
  faults?: FaultRuleChanges;
  windows?: RateWindow[];
}

/** What the host must do with one vendor request. */
export interface Outcome {
  handled: HandledRequest;
  /** Wait this long before answering. */
  delayMs: number;
  delivery: 'normal' | 'dropped' | 'malformed';
  fired?: FiredFault;
  arrivedAt: Date;
  /** Settles once the write is durable (a write log is kept); answer only then, and see QaControl.settle. */
  durable?: Promise<void>;
  /** Set when nothing forced an answer and the request goes to the real vendor (`--proxy`); `handled` is then a stand-in. */
  forward?: true;
}

/** Thrown out of the intercept to stop the pipeline before the mock's handler runs (a proxied request). */
const FORWARD = Symbol('forward');

const BODY_LIMIT = 16 * 1024;

/**
 * The QA control plane around the engine: fault rules and rate limits decide before the vendor runs, added
 * latency and delivery faults are handed to the host, and every request lands in the journal.
 */
export class QaControl {
  readonly faults: FaultRules;
  readonly journal: Journal;
  private readonly limiter = new RateLimiter();
  private readonly random: SeededRandom;

  constructor(readonly engine: Engine, private readonly options: QaControlOptions) {
    this.faults = new FaultRules(engine.seed);
    this.journal = new Journal(options.journalSize, options.journalBytes);
    this.random = new SeededRandom(vendorSeed(engine.seed, 'latency'));
    if (options.shareControl) {
      this.faults.track();
      this.limiter.track();
    }
  }

  /**
   * `forward` (a proxied vendor): a request no fault rule or rate limit answers comes back with `forward` set
   * instead of running the mock's handler, so QA's faults still apply in front of the real vendor.
   */
  handle(vendor: string, req: MockRequest, session = DEFAULT_SESSION, forward = false): Outcome {
    const arrivedAt = this.options.now();
    if (!this.engine.worlds.admits(session) && this.engine.opensSession(vendor, req, session)) return this.refuseSession(vendor, arrivedAt);
    let fired: FiredFault | undefined;
    const intercept: Intercept = (op) => {
      fired = this.faults.fire({ vendor, session, method: req.method, path: `/${vendor}${req.path}`, op }, this.random);
      const forced = (fired && faultAnswer(fired)) ?? this.rateLimit(vendor, session, req, op, arrivedAt);
      if (forward && !forced) throw FORWARD;
      return forced;
    };
    const handled = forward ? this.handleOrForward(vendor, req, session, intercept) : this.engine.handle(vendor, req, session, intercept);
    const base = this.options.latency ? this.random.between(this.options.latency.min, this.options.latency.max) : 0;
    const delivery = fired?.fault === 'drop' ? 'dropped' : fired?.fault === 'malformed' ? 'malformed' : 'normal';
    let durable: Promise<void> | undefined;
    if (handled.command !== undefined && this.options.onWrite) durable = this.options.onWrite(handled.command);
    else if (handled.mutated) this.stateChanged();
    const outcome: Outcome = { handled, delayMs: base + (fired?.latencyMs ?? 0), delivery, fired, arrivedAt, durable };
    if (handled === FORWARDED) outcome.forward = true;
    return outcome;
  }

  private handleOrForward(vendor: string, req: MockRequest, session: string, intercept: Intercept): HandledRequest {
    try {
      const handled = this.engine.handle(vendor, req, session, intercept);
      // A path the spec lacks is still the real vendor's to answer.
      return handled.operationId === undefined ? FORWARDED : handled;
    } catch (error) {
      if (error === FORWARD) return FORWARDED;
      throw error;
    }
  }

  get shared(): boolean {
    return this.options.enter !== undefined;
  }

  /** handle() with a shared store: up to date before, durable in the store before answering; the vendor's 503 without it. */
  async handleShared(vendor: string, req: MockRequest, session = DEFAULT_SESSION): Promise<Outcome> {
    let leave: (() => Promise<void>) | undefined;
    try {
      // Fault rules and rate limits count reads too: with either in play, a read takes its turn like a write.
      const write = req.method !== 'GET' && req.method !== 'HEAD';
      leave = await this.options.enter!(write || (() => this.faults.size > 0 || this.options.rateLimits[vendor] !== undefined));
    } catch (error) {
      const message = `attrmock cannot reach its shared store (Redis): ${(error as Error).message}; try again`;
      const response = this.engine.formatError(vendor, { kind: 'forced', status: 503, message });
      return { handled: { response: { ...response, headers: { ...response.headers, 'retry-after': '1', 'x-attrmock-error': message } }, mutated: false }, delayMs: 0, delivery: 'normal', arrivedAt: this.options.now() };
    }
    let outcome: Outcome;
    try {
      outcome = this.handle(vendor, req, session);
    } catch (error) {
      // The turn must be given back, or every later write of this replica would wait for it forever.
      if (leave) await leave().catch(() => undefined);
      throw error;
    }
    const changes = this.takeControlChanges();
    // Queued before the release, so the next replica to take the lock has seen these counters.
    if (leave && changes) this.options.shareControl?.(changes);
    if (leave) {
      // Left before the write is durable: the store may let the next writer go on while this one's append is sent.
      const left = leave().catch(() => undefined);
      await this.settle(vendor, outcome);
      outcome.durable = undefined;
      await left;
    }
    return outcome;
  }

  /** Waits for the write to be durable; if it cannot be, the client gets the vendor's 500 rather than a 2xx. */
  async settle(vendor: string, outcome: Outcome): Promise<void> {
    try {
      await outcome.durable;
    } catch {
      outcome.handled.response = this.engine.formatError(vendor, { kind: 'internal', status: 500, message: 'attrmock could not write this change to its state file' });
    }
  }

  private refuseSession(vendor: string, arrivedAt: Date): Outcome {
    const { worlds } = this.engine;
    const message = `attrmock holds at most ${worlds.maxSessions} sessions beside the default one, none idle yet; free one with POST /__admin/reset?session=NAME`;
    const formatted = this.engine.formatError(vendor, { kind: 'rate_limited', retryAfterSeconds: worlds.retryAfterSeconds(), message });
    // The vendor's 429 body has no room for attrmock's reason, so it travels in a header of attrmock's own.
    const response = { ...formatted, headers: { ...formatted.headers, 'x-attrmock-error': message } };
    return { handled: { response, mutated: false }, delayMs: 0, delivery: 'normal', fired: undefined, arrivedAt };
  }

  /** Journals a request once its answer is out; `sent` is what the host wrote (nothing for a dropped connection). */
  record(vendor: string, req: MockRequest, outcome: Outcome, durationMs: number, session = DEFAULT_SESSION, sent?: SentResponse, proxied?: ProxiedFields): void {
    const { handled, fired } = outcome;
    const entry: Omit<JournalEntry, 'id' | 'body'> = {
      at: outcome.arrivedAt.toISOString(),
      session,
      vendor,
      method: req.method,
      path: `/${vendor}${req.path}`,
      query: redactQuery(req.query),
      headers: redactHeaders(req.headers),
      operationId: handled.operationId,
      status: outcome.delivery === 'dropped' ? 0 : handled.response.status,
      response: sent && new RecordedResponse(sent, BODY_LIMIT),
      durationMs: Math.round(durationMs * 100) / 100,
    };
    // Left out rather than empty or undefined: an entry shows only what happened.
    if (handled.requestDiagnostics?.length) entry.requestErrors = handled.requestDiagnostics.map(({ location, pointer, keyword, message }) => ({ location, pointer, keyword, message }));
    if (fired?.ruleIds.length) entry.faultIds = fired.ruleIds;
    if (outcome.delivery !== 'normal') entry.delivery = outcome.delivery;
    if (handled.warnings?.length) entry.warnings = handled.warnings;
    if (handled.modelled === false) entry.modelled = false;
    if (proxied) Object.assign(entry, definedOnly(proxied));
    const body = keepBody(req.body, req.headers['content-type'], BODY_LIMIT, handled.secretFields);
    this.journal.add(entry, body);
    this.options.shareEntry?.(entry, body);
  }

  /** Forgets the journal's entries (one session's, or all); returns how many. */
  clearJournal(session?: string): number {
    const cleared = this.journal.clear(session);
    this.options.onJournalClear?.(session);
    return cleared;
  }

  stateChanged(): void {
    this.options.onStateChange?.();
  }

  /** After an admin change to the fault rules. */
  controlChanged(): void {
    this.options.onControlChange?.();
  }

  exportControl(): ControlState {
    return { faults: this.faults.exportState(), windows: this.limiter.exportWindows() };
  }

  importControl(state: ControlState): void {
    this.faults.importState(state.faults);
    this.limiter.clear();
    this.limiter.apply(state.windows, this.options.now().getTime());
  }

  applyControlChanges(changes: ControlChanges): void {
    if (changes.faults) this.faults.applyChanges(changes.faults);
    if (changes.windows) this.limiter.apply(changes.windows, this.options.now().getTime());
  }

  private takeControlChanges(): ControlChanges | undefined {
    const faults = this.faults.takeChanges();
    const windows = this.limiter.takeChanges();
    if (!faults && windows.length === 0) return undefined;
    return { ...(faults && { faults }), ...(windows.length > 0 && { windows }) };
  }

  /**
   * Puts one session (or the whole server) back as it started: the seeded world, no fault rules, an empty
   * journal; a full reset also restarts the rate-limit windows.
   */
  reset(session?: string): void {
    this.engine.worlds.reset(session);
    this.faults.clear(session);
    this.clearJournal(session);
    if (session === undefined) this.limiter.clear();
    this.stateChanged();
  }

  private rateLimit(vendor: string, session: string, req: MockRequest, op: Operation, arrivedAt: Date): ErrorDetail | undefined {
    const perSecond = this.options.rateLimits[vendor];
    if (perSecond === undefined) return undefined;
    const retryAfterSeconds = this.limiter.hit(`${session}\u0000${vendor}\u0000${credentialOf(req)}`, arrivedAt.getTime(), perSecond);
    if (retryAfterSeconds === null) return undefined;
    return { kind: 'rate_limited', retryAfterSeconds, message: `${op.operationId}: over ${perSecond} requests per second` };
  }
}

/** Marks an outcome whose answer comes from the real vendor; its own response is never sent. */
const FORWARDED: HandledRequest = Object.freeze({ response: Object.freeze({ status: 502 }), mutated: false });

/** What a proxied request adds to its journal entry. */
export type ProxiedFields = Pick<JournalEntry, 'proxied' | 'upstream' | 'drift' | 'operationId' | 'status'>;

/**
 * The credential a request presents, as the vendors read it: `token X`, `Bearer X` and `bearer  X` are one
 * credential X, so the spelling of the scheme cannot buy a fresh rate-limit budget.
 */
export function credentialOf(req: MockRequest): string {
  const key = req.headers['x-api-key']?.trim();
  if (key) return key;
  const authorization = req.headers.authorization?.trim() ?? '';
  const parts = /^[A-Za-z][\w.+-]*\s+(\S+)$/.exec(authorization);
  if (parts) return parts[1]!;
  if (authorization) return authorization;
  const query = req.query.access_token;
  return (Array.isArray(query) ? query[0] : query) ?? '';
}

/** The fields that are set, so an entry shows only what happened. */
function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** A dropped connection still stops the operation: the request never reached the vendor. */
function faultAnswer(fired: FiredFault): ErrorDetail | undefined {
  const by = `fault rule ${fired.answeredBy ?? fired.ruleIds.join(', ')}`;
  if (fired.fault === 'drop') return { kind: 'forced', status: 503, message: `connection dropped by ${by}` };
  if (fired.status === undefined || fired.status < 400) return undefined;
  return { kind: 'forced', status: fired.status, message: `Forced ${fired.status} by ${by}` };
}
