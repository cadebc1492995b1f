import type { Operation } from '../engine/types.js';
import { vendorSeed } from '../store/world.js';
import type { FaultRule, FiredFault } from './fault-rule.js';
import type { FaultRuleInput } from './parse-fault-rule.js';
import { SeededRandom } from './seeded-random.js';

/** What a request offers a rule to match. */
export interface FaultTarget {
  vendor: string;
  session: string;
  method: string;
  /** The path as sent, mount included, no query. */
  path: string;
  op: Operation;
}

/**
 * The fault rules in the order they were added; the first that matches and passes its draw fires. Each rule
 * draws from its own random source seeded from the server seed and the rule's definition, so the same rules
 * under the same seed fire on the same requests, whatever else the server is doing.
 */
export class FaultRules {
  private rules: Array<{ rule: FaultRule; random: SeededRandom }> = [];
  private nextId = 1;
  /** Rules a request drew for or fired since takeChanges(), when tracked (replicas share their counters). */
  private touched: Set<{ rule: FaultRule; random: SeededRandom }> | undefined;

  /** Every vendor request walks the rules, so their number is capped (800k rules made every request 5× slower). */
  constructor(private readonly seed: number, readonly maxRules = 1000) {}

  get size(): number {
    return this.rules.length;
  }

  add(input: FaultRuleInput, scenario?: string): FaultRule {
    const rule: FaultRule = { id: `f${this.nextId++}`, ...input, fired: 0, ...(scenario === undefined ? {} : { scenario }) };
    this.rules.push({ rule, random: new SeededRandom(vendorSeed(this.seed, JSON.stringify(input))) });
    return rule;
  }

  list(session?: string): FaultRule[] {
    return this.rules.map(({ rule }) => rule).filter((rule) => session === undefined || rule.session === session);
  }

  /** Removes one rule by id; true when it existed. */
  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter(({ rule }) => rule.id !== id);
    return this.rules.length < before;
  }

  /** Removes what an earlier load of this scenario into the same scope (a session, or none) added. */
  removeScenario(scenario: string, session: string | undefined): void {
    this.rules = this.rules.filter(({ rule }) => rule.scenario !== scenario || rule.session !== session);
  }

  /** Removes every rule, or those scoped to one session. */
  clear(session?: string): number {
    const before = this.rules.length;
    this.rules = session === undefined ? [] : this.rules.filter(({ rule }) => rule.session !== session);
    // Ids restart once no rule is left, so a reset server numbers its rules as a fresh one does.
    if (this.rules.length === 0) this.nextId = 1;
    return before - this.rules.length;
  }

  /** The rules as replicas share them (in a checkpoint of the shared store). */
  exportState(): FaultRulesState {
    return { nextId: this.nextId, rules: this.rules.map(({ rule, random }) => ({ rule: { ...rule }, random: random.state })) };
  }

  importState(state: FaultRulesState): void {
    this.nextId = state.nextId;
    this.rules = state.rules.map(({ rule, random }) => ({ rule: { ...rule }, random: new SeededRandom(random) }));
  }

  /** From now on, remember which rules requests draw for or fire, for takeChanges(). */
  track(): void {
    this.touched ??= new Set();
  }

  /** What requests did to the rules since the last call (tracked only): undefined when nothing. */
  takeChanges(): FaultRuleChanges | undefined {
    if (!this.touched?.size) return undefined;
    const live = new Set(this.rules);
    const changes: FaultRuleChanges = { rules: [], spent: [] };
    for (const entry of this.touched) {
      if (live.has(entry)) changes.rules.push({ id: entry.rule.id, fired: entry.rule.fired, random: entry.random.state });
      else changes.spent.push(entry.rule.id);
    }
    this.touched.clear();
    return changes;
  }

  /** Another replica's takeChanges(), applied here. */
  applyChanges(changes: FaultRuleChanges): void {
    const spent = new Set(changes.spent);
    this.rules = this.rules.filter(({ rule }) => !spent.has(rule.id));
    const byId = new Map(this.rules.map((entry) => [entry.rule.id, entry]));
    for (const { id, fired, random } of changes.rules) {
      const entry = byId.get(id);
      if (!entry) continue;
      entry.rule.fired = fired;
      entry.random = new SeededRandom(random);
    }
  }

  /**
   * The rules that fire for this request, each counted (and removed once its `times` are used up). The first
   * matching rule with an answer (status or fault) gives it; later answering rules are not drawn or counted.
   * Latency-only rules add their latency to whatever answers, so "slow Snag down" and "fail this call" combine.
   */
  fire(target: FaultTarget, latencyRandom: SeededRandom): FiredFault | undefined {
    let fired: FiredFault | undefined;
    let answered = false;
    for (const entry of [...this.rules]) {
      const { rule, random } = entry;
      const answers = rule.status !== undefined || rule.fault !== undefined;
      if ((answers && answered) || !matches(rule, target)) continue;
      this.touched?.add(entry);
      if (rule.probability !== undefined && random.next() >= rule.probability) continue;
      rule.fired += 1;
      if (rule.times !== undefined && rule.fired >= rule.times) this.rules = this.rules.filter((other) => other !== entry);
      fired ??= { ruleIds: [], latencyMs: 0 };
      fired.ruleIds.push(rule.id);
      if (rule.latency) fired.latencyMs += latencyRandom.between(rule.latency.min, rule.latency.max);
      if (answers) {
        answered = true;
        fired.answeredBy = rule.id;
        fired.status = rule.status;
        fired.fault = rule.fault;
      }
    }
    return fired;
  }
}

/** Every rule with its counter and its random source's position, and the next id: what replicas share. */
export interface FaultRulesState {
  nextId: number;
  rules: Array<{ rule: FaultRule; random: number }>;
}

/** What requests did to the rules: new counters and draw positions, and the rules whose `times` ran out. */
export interface FaultRuleChanges {
  rules: Array<{ id: string; fired: number; random: number }>;
  spent: string[];
}

function matches(rule: FaultRule, target: FaultTarget): boolean {
  if (rule.vendor !== target.vendor) return false;
  if (rule.session !== undefined && rule.session !== target.session) return false;
  if (rule.operationId !== undefined && rule.operationId !== target.op.operationId) return false;
  if (rule.method !== undefined && rule.method !== target.method) return false;
  return rule.path === undefined || rule.path === target.path || rule.path === `/${target.vendor}${target.op.pathTemplate}`;
}
