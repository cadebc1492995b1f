import type { LatencyRange } from './latency.js';

export const FAULT_KINDS = ['drop', 'malformed'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A validated fault rule, as GET /__admin/faults lists it. */
export interface FaultRule {
  id: string;
  /** What it matches; every field given must match. `vendor` is always known (given, or read from the path). */
  vendor: string;
  operationId?: string;
  method?: string;
  /** The path as the client sends it (`/snag/api/...`, no query), or a spec template (`/snag/api/x/{id}`). */
  path?: string;
  session?: string;
  /** What it does: answer this status in the vendor's error format (or, with `malformed`, the status of the garbled body). */
  status?: number;
  latency?: LatencyRange;
  fault?: FaultKind;
  /** Fires this many times, then is removed. */
  times?: number;
  /** Chance of firing on each matching request, drawn from the rule's own seeded random source. */
  probability?: number;
  /** How often it has fired so far. */
  fired: number;
  /** The scenario that added it: loading that scenario again replaces it. */
  scenario?: string;
}

/** What the rules that fired ask of one request: at most one answer (status or fault), and their latency summed. */
export interface FiredFault {
  ruleIds: string[];
  /** The one rule whose status or fault answers (the others only added latency). */
  answeredBy?: string;
  status?: number;
  fault?: FaultKind;
  latencyMs: number;
}
