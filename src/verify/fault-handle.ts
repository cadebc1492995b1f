import type { FaultKind, FaultRule } from '../admin/fault-rule.js';
import { parseFaultRule } from '../admin/parse-fault-rule.js';
import type { QaControl } from '../admin/qa-control.js';

/** A fault rule as code adds it: the fields of `POST /__admin/faults` (see the README, "Fault rules"). */
export interface FaultRuleSpec {
  vendor?: string;
  operationId?: string;
  method?: string;
  /** As the client sends it, vendor included (`/snag/api/...`), or the spec template. */
  path?: string;
  session?: string;
  /** Answer this status in the vendor's own error format. */
  status?: number;
  fault?: FaultKind;
  /** Milliseconds (`250`) or a range (`'100-300'`). */
  latency?: number | string;
  /** Fires this many times, then is removed. */
  times?: number;
  probability?: number;
}

/** A live fault rule: how often it has fired so far, and a way to take it out. */
export interface FaultHandle {
  readonly id: string;
  readonly rule: Readonly<FaultRule>;
  /** How many requests it has answered (or slowed) so far. */
  readonly fired: number;
  /** False once removed, used up (`times`), or cleared by a reset. */
  readonly active: boolean;
  /** e.g. a status the operation does not document (it is answered anyway). */
  readonly warnings: string[];
  /** Takes the rule out; false when it was already gone. */
  remove(): boolean;
}

/** Checks and adds a rule as POST /__admin/faults does, throwing what the admin API would answer as a 400. */
export function addFault(control: QaControl, spec: FaultRuleSpec): FaultHandle {
  const { engine } = control;
  const parsed = parseFaultRule(spec, new Map(engine.vendorNames.map((vendor) => [vendor, engine.operations(vendor)])));
  if (!parsed.ok) throw new TypeError(`attrmock: invalid fault rule: ${parsed.errors.join('; ')}`);
  const rule = control.faults.add(parsed.rule);
  return {
    id: rule.id,
    rule,
    get fired() {
      return rule.fired;
    },
    get active() {
      return control.faults.list().includes(rule);
    },
    warnings: parsed.warnings,
    remove: () => control.faults.remove(rule.id),
  };
}
