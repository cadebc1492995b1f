import { isMockError } from '../engine/errors.js';
import type { Operation } from '../engine/types.js';
import { DEFAULT_SESSION } from '../store/worlds.js';
import { parseFaultRule, type FaultRuleInput } from './parse-fault-rule.js';
import { parseJournalFilter } from './parse-journal-filter.js';
import type { QaControl } from './qa-control.js';
import { readScenario } from './scenarios.js';

/** One admin answer, framework-free: the HTTP host writes it as JSON. */
export interface AdminReply {
  status: number;
  body: unknown;
}

export type AdminQuery = Record<string, string | undefined>;

/** The /__admin endpoints as plain functions of (query, body); see the README, "QA control". */
export class AdminApi {
  private operationsByVendor?: ReadonlyMap<string, Operation[]>;

  constructor(readonly control: QaControl, readonly scenariosDir: string) {}

  /** Read on first use: a vendor's wider spec loads when first needed, never at start-up. */
  private get operations(): ReadonlyMap<string, Operation[]> {
    const engine = this.control.engine;
    return (this.operationsByVendor ??= new Map(engine.vendorNames.map((vendor) => [vendor, engine.operations(vendor)])));
  }

  requests(query: AdminQuery): AdminReply {
    const parsed = parseJournalFilter(query, this.operations);
    if (!parsed.ok) return fail(400, `invalid journal filter: ${parsed.errors.join('; ')}`);
    const requests = this.control.journal.list(parsed.filter);
    return ok({ requests, count: requests.length, capacity: this.control.journal.capacity });
  }

  clearRequests(query: AdminQuery): AdminReply {
    return ok({ cleared: this.control.clearJournal(query.session) });
  }

  /** One rule or a list; all are checked before any is added. */
  addFaults(body: unknown): AdminReply {
    const inputs = Array.isArray(body) ? body : [body];
    const room = this.control.faults.maxRules - this.control.faults.size;
    if (inputs.length > room) return fail(400, `attrmock holds at most ${this.control.faults.maxRules} fault rules (${this.control.faults.size} now); ${inputs.length} sent. Remove some with DELETE /__admin/faults`);
    const rules: FaultRuleInput[] = [];
    const warnings: string[] = [];
    const errors: string[] = [];
    inputs.forEach((input, i) => {
      const parsed = parseFaultRule(input, this.operations);
      const where = Array.isArray(body) ? `[${i}] ` : '';
      if (!parsed.ok) errors.push(...parsed.errors.map((e) => where + e));
      else {
        rules.push(parsed.rule);
        warnings.push(...parsed.warnings.map((w) => where + w));
      }
    });
    if (errors.length > 0) return { status: 400, body: { message: 'invalid fault rule', errors: capped(errors) } };
    const faults = rules.map((rule) => this.control.faults.add(rule));
    this.control.controlChanged();
    return { status: 201, body: { faults, warnings } };
  }

  listFaults(query: AdminQuery): AdminReply {
    return ok({ faults: this.control.faults.list(query.session) });
  }

  clearFaults(query: AdminQuery): AdminReply {
    const removed = this.control.faults.clear(query.session);
    this.control.controlChanged();
    return ok({ removed });
  }

  removeFault(id: string): AdminReply {
    if (!this.control.faults.remove(id)) return fail(404, `no fault rule ${id}`);
    this.control.controlChanged();
    return ok({ removed: 1 });
  }

  exportState(query: AdminQuery): AdminReply {
    const session = query.session ?? DEFAULT_SESSION;
    const engine = this.control.engine;
    return ok({ attrmock: 1, seed: engine.seed, session, vendors: engine.exportWorld(session) });
  }

  /** Every session that holds a world, least recently used first (the next to be evicted when room is needed). */
  sessions(): AdminReply {
    const { worlds } = this.control.engine;
    const sessions = worlds.list().map(({ session, lastUsed }) => ({ session, lastUsed: lastUsed.toISOString() }));
    return ok({ sessions, count: sessions.length, maxSessions: worlds.maxSessions });
  }

  /** Takes what GET /__admin/state gave (only `vendors` is read); all named vendors are imported or none. */
  importState(query: AdminQuery, body: unknown): AdminReply {
    if (!this.control.engine.worlds.admits(query.session)) return noRoom(this.control);
    const vendors = (body as { vendors?: unknown } | null)?.vendors;
    if (vendors === undefined) return fail(400, 'send {"vendors": {...}} as GET /__admin/state returns it');
    try {
      this.control.engine.importWorld(vendors, query.session);
    } catch (error) {
      if (isMockError(error)) return fail(400, error.detail.message ?? 'state is invalid');
      throw error;
    }
    this.control.stateChanged();
    return ok({ imported: Object.keys(vendors as object), session: query.session ?? DEFAULT_SESSION });
  }

  reset(query: AdminQuery): AdminReply {
    this.control.reset(query.session);
    return ok({ status: 'ok', reset: query.session ?? 'all' });
  }

  /** Seeded world + the scenario's state + its fault rules (scoped to the session when one is named). */
  async loadScenario(name: string, query: AdminQuery): Promise<AdminReply> {
    let scenario;
    try {
      scenario = await readScenario(this.scenariosDir, name);
    } catch (error) {
      if (isMockError(error)) return fail(error.detail.kind === 'not_found' ? 404 : 400, error.detail.message ?? 'invalid scenario');
      throw error;
    }
    const session = query.session;
    if (!this.control.engine.worlds.admits(session)) return noRoom(this.control);
    const faults = (scenario.faults ?? []).map((rule) => (session === undefined ? rule : { ...(rule as object), session }));
    const checked = faults.map((rule) => parseFaultRule(rule, this.operations));
    const errors = checked.flatMap((parsed, i) => (parsed.ok ? [] : parsed.errors.map((e) => `faults[${i}] ${e}`)));
    if (errors.length > 0) return { status: 400, body: { message: `scenario ${name} has invalid fault rules`, errors: capped(errors) } };
    const engine = this.control.engine;
    const world = engine.worlds.get(session);
    engine.worlds.reset(session ?? DEFAULT_SESSION);
    try {
      if (scenario.state !== undefined) engine.importWorld(scenario.state, session);
    } catch (error) {
      engine.worlds.set(session ?? DEFAULT_SESSION, world);
      if (isMockError(error)) return fail(400, `scenario ${name}: ${error.detail.message}`);
      throw error;
    }
    this.control.faults.removeScenario(name, session);
    const added = checked.map((parsed) => this.control.faults.add((parsed as { rule: FaultRuleInput }).rule, name));
    this.control.stateChanged();
    return ok({ scenario: name, description: scenario.description, session: session ?? DEFAULT_SESSION, faults: added });
  }
}

/** A junk list of a million rules would otherwise answer a million errors; the first few say what is wrong. */
const ERRORS_SHOWN = 50;

function capped(errors: string[]): string[] {
  return errors.length <= ERRORS_SHOWN ? errors : [...errors.slice(0, ERRORS_SHOWN), `… and ${errors.length - ERRORS_SHOWN} more`];
}

/** `?session=` on admin routes is capped as the vendor header is: a new world needs room. */
function noRoom(control: QaControl): AdminReply {
  const { worlds } = control.engine;
  return fail(429, `attrmock holds at most ${worlds.maxSessions} sessions beside the default one, none idle yet (retry in ${worlds.retryAfterSeconds()} s); free one with POST /__admin/reset?session=NAME`);
}

function ok(body: unknown): AdminReply {
  return { status: 200, body };
}

function fail(status: number, message: string): AdminReply {
  return { status, body: { message } };
}
