import type { Operation } from '../engine/types.js';
import { checkRuleReach } from './check-rule-reach.js';
import { FAULT_KINDS, type FaultKind, type FaultRule } from './fault-rule.js';
import { parseLatency } from './latency.js';

export type FaultRuleInput = Omit<FaultRule, 'id' | 'fired'>;
export type ParsedFaultRule = { ok: true; rule: FaultRuleInput; warnings: string[] } | { ok: false; errors: string[] };

const FIELDS = new Set(['vendor', 'operationId', 'method', 'path', 'session', 'status', 'latency', 'latencyMs', 'fault', 'times', 'probability']);

/**
 * Checks a rule sent to POST /__admin/faults against the served vendors and their operations, e.g.
 * `{"method":"POST","path":"/snag/api/website_user_attributes/values","status":429,"times":2}`.
 * A status the operation does not document is allowed (QA may want it) and reported as a warning.
 */
export function parseFaultRule(input: unknown, operations: ReadonlyMap<string, Operation[]>): ParsedFaultRule {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: ['a fault rule is a JSON object'] };
  const raw = input as Record<string, unknown>;
  const errors = Object.keys(raw).filter((key) => !FIELDS.has(key)).map((key) => `unknown field ${key}; fields: ${[...FIELDS].join(', ')}`);
  const rule: Partial<FaultRuleInput> = {};
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value === 'string' && value !== '') return value;
    errors.push(`${key} must be a non-empty string`);
    return undefined;
  };
  rule.session = text('session');
  rule.operationId = text('operationId');
  rule.method = text('method')?.toUpperCase();
  rule.path = text('path')?.split('?')[0];
  rule.vendor = text('vendor') ?? vendorOfPath(rule.path, operations) ?? vendorOfOperation(rule.operationId, operations, errors);
  if (!rule.vendor) errors.push('name what to match: vendor, operationId or path (e.g. /snag/api/website_user_attributes/values)');
  else if (!operations.has(rule.vendor)) errors.push(`unknown vendor ${rule.vendor}; served: ${[...operations.keys()].join(', ')}`);
  else checkTarget(rule as FaultRuleInput, operations.get(rule.vendor)!, errors);
  readEffects(raw, rule, errors);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, rule: rule as FaultRuleInput, warnings: warningsFor(rule as FaultRuleInput, operations.get(rule.vendor!)!) };
}

function vendorOfPath(path: string | undefined, operations: ReadonlyMap<string, Operation[]>): string | undefined {
  const first = path?.split('/')[1];
  return first !== undefined && operations.has(first) ? first : undefined;
}

function vendorOfOperation(operationId: string | undefined, operations: ReadonlyMap<string, Operation[]>, errors: string[]): string | undefined {
  if (operationId === undefined) return undefined;
  const owners = [...operations].filter(([, ops]) => ops.some((op) => op.operationId === operationId)).map(([vendor]) => vendor);
  if (owners.length > 1) errors.push(`operationId ${operationId} exists in ${owners.join(' and ')}; add vendor`);
  if (owners.length === 0) errors.push(`no vendor has operationId ${operationId}`);
  return owners.length === 1 ? owners[0] : undefined;
}

function checkTarget(rule: FaultRuleInput, ops: Operation[], errors: string[]): void {
  if (rule.operationId !== undefined && !ops.some((op) => op.operationId === rule.operationId)) {
    errors.push(`${rule.vendor} has no operationId ${rule.operationId}; it has ${ops.map((op) => op.operationId).join(', ')}`);
  }
  if (rule.path !== undefined && !rule.path.startsWith(`/${rule.vendor}/`)) {
    errors.push(`path ${rule.path} must be the path the client sends, starting /${rule.vendor}/`);
  } else if (errors.length === 0) errors.push(...checkRuleReach(rule, ops));
}

function readEffects(raw: Record<string, unknown>, rule: Partial<FaultRuleInput>, errors: string[]): void {
  const { status, fault, times, probability } = raw;
  if (status !== undefined) {
    if (Number.isInteger(status) && (status as number) >= 100 && (status as number) <= 599) rule.status = status as number;
    else errors.push('status must be a whole number from 100 to 599');
  }
  if (fault !== undefined) {
    if (FAULT_KINDS.includes(fault as FaultKind)) rule.fault = fault as FaultKind;
    else errors.push(`fault must be one of ${FAULT_KINDS.join(', ')}`);
  }
  const latency = raw.latency ?? raw.latencyMs;
  if (latency !== undefined) {
    const parsed = parseLatency(latency);
    if (typeof parsed === 'string') errors.push(parsed);
    else rule.latency = parsed;
  }
  if (times !== undefined) {
    if (Number.isInteger(times) && (times as number) >= 1) rule.times = times as number;
    else errors.push('times must be a whole number, 1 or more');
  }
  if (probability !== undefined) {
    if (typeof probability === 'number' && probability > 0 && probability <= 1) rule.probability = probability;
    else errors.push('probability must be a number above 0 and at most 1');
  }
  if (rule.status === undefined && rule.fault === undefined && rule.latency === undefined) errors.push('give the rule an effect: status, fault (drop, malformed) or latency');
  if (rule.status !== undefined && rule.status < 400 && rule.fault !== 'malformed') errors.push('a status below 400 needs fault "malformed" (a success is the handler\'s to give)');
  if (rule.fault === 'drop' && rule.status !== undefined) errors.push('a dropped connection has no status');
}

/** Only an operationId names one operation before any request arrives; path rules are checked as they fire. */
function warningsFor(rule: FaultRuleInput, ops: Operation[]): string[] {
  const op = ops.find((candidate) => candidate.operationId === rule.operationId);
  if (rule.status === undefined || rule.status < 400 || !op || op.documentedStatuses.includes(rule.status)) return [];
  return [`status ${rule.status} is not documented for ${op.operationId} (documented: ${op.documentedStatuses.join(', ')}); the vendor's formatter answers it anyway`];
}
