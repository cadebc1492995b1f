import type { JournalEntry } from '../admin/journal.js';
import type { QaControl } from '../admin/qa-control.js';
import type { Operation } from '../engine/types.js';
import { describeEntries, describePattern, describeTimes, nearestFirst, type Scored } from './describe-requests.js';
import { differences, type OperationLookup } from './match-request.js';
import { checkPattern, type RequestFilter, type RequestPattern } from './request-pattern.js';

/** The result of checking the journal against a pattern; `message` explains it either way (for `.not` too). */
export interface Check {
  pass: boolean;
  message: string;
}

/** A verification that failed; its message lists what was received instead, nearest first. */
export class VerificationError extends Error {
  override name = 'VerificationError';
}

/**
 * Checks what a running mock received against patterns, over its journal. Remembers which requests a
 * passing check covered, so "and nothing else" can name the rest.
 */
export class Verifier {
  private readonly verified = new Set<number>();

  constructor(private readonly control: () => QaControl) {}

  /** `remember: false` for a check expected to fail (`.not`), whose matches verify nothing. */
  check(pattern: RequestPattern, remember = true): Check {
    const { journal } = this.control();
    checkPattern(pattern, this.operations());
    const lookup = this.lookup();
    const scored = this.received().map((entry): Scored => ({ entry, differences: differences(entry, pattern, lookup) }));
    const matched = scored.filter((s) => s.differences.length === 0);
    const others = nearestFirst(scored.filter((s) => s.differences.length > 0));
    const pass = pattern.times === undefined ? matched.length > 0 : matched.length === pattern.times;
    if (pass && remember) for (const { entry } of matched) this.verified.add(entry.id);
    const head = `attrmock: expected ${describeTimes(pattern)} matching ${describePattern(pattern)}, received ${matched.length}`;
    const parts = [matched.length > 0 ? `${head}:\n${describeEntries(matched)}` : `${head}.`];
    if (others.length > 0 && (!pass || pattern.times === 0)) parts.push(`Other requests received, nearest first:\n${describeEntries(others)}`);
    if (scored.length === 0) parts.push('The mock has received no requests (since it started or was last reset).');
    if (journal.size >= journal.capacity) parts.push(`The journal keeps the last ${journal.capacity} requests only; raise journalSize to see more.`);
    return { pass, message: parts.join('\n') };
  }

  verify(pattern: RequestPattern): void {
    const { pass, message } = this.check(pattern);
    if (!pass) throw new VerificationError(message);
  }

  /** Passes when every request (matching `filter`) was covered by a passing verification. */
  checkNothingElse(filter: RequestFilter = {}): Check {
    const rest = this.requests(filter).filter((entry) => !this.verified.has(entry.id));
    if (rest.length === 0) return { pass: true, message: `attrmock: every request matching ${describePattern(filter)} was verified` };
    const listed = nearestFirst(rest.map((entry) => ({ entry, differences: [] })));
    return { pass: false, message: `attrmock: expected nothing else matching ${describePattern(filter)}, but ${rest.length} request${rest.length === 1 ? ' was' : 's were'} not verified:\n${describeEntries(listed)}` };
  }

  verifyNothingElse(filter: RequestFilter = {}): void {
    const { pass, message } = this.checkNothingElse(filter);
    if (!pass) throw new VerificationError(message);
  }

  /** The journal entries matching `filter`, in the order they were received. */
  requests(filter: RequestFilter = {}): JournalEntry[] {
    checkPattern(filter, this.operations());
    const lookup = this.lookup();
    return this.received().filter((entry) => differences(entry, filter, lookup).length === 0);
  }

  private received(): JournalEntry[] {
    return this.control().journal.list().reverse();
  }

  private operations(): ReadonlyMap<string, Operation[]> {
    const { engine } = this.control();
    return new Map(engine.vendorNames.map((vendor) => [vendor, engine.operations(vendor)]));
  }

  private lookup(): OperationLookup {
    const { engine } = this.control();
    return (vendor, operationId) =>
      vendor === undefined || operationId === undefined || !engine.vendorNames.includes(vendor) ? undefined : engine.operations(vendor).find((op) => op.operationId === operationId);
  }
}
