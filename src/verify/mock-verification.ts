import type { JournalEntry } from '../admin/journal.js';
import type { QaControl } from '../admin/qa-control.js';
import { SESSION_HEADER } from '../http/vendor-mounts.js';
import { addFault, type FaultHandle, type FaultRuleSpec } from './fault-handle.js';
import type { RequestFilter, RequestPattern } from './request-pattern.js';
import { Verifier } from './verifier.js';

/** Where the matchers find a mock's verifier, shared by every copy of attrmock loaded in one process. */
export const VERIFIER = Symbol.for('attrmock.verifier');

/** One test worker's own world: send `headers` with every request to `url` (vendors below it). */
export interface MockSession {
  name: string;
  headers: { 'x-attrmock-session': string };
  /** The mock's base URL; vendors live at `${url}/snag`, `${url}/lightdash`, `${url}/looker`. */
  readonly url: string;
  /** What this session received, as `mock.verify` with `session` set. */
  verify(pattern: Omit<RequestPattern, 'session'>): void;
  requests(filter?: Omit<RequestFilter, 'session'>): JournalEntry[];
  /** Back to the seeded world, with no fault rules and an empty journal, for this session only. */
  reset(): void;
}

/** What a test asks of a running mock, `startMock()` and `attrmockMiddleware()` alike. */
export interface MockVerification {
  /**
   * Passes when the mock received requests matching `pattern` (at least one, or exactly `times`); otherwise
   * throws a VerificationError listing what it received instead, nearest first.
   */
  verify(pattern: RequestPattern): void;
  /** Throws, listing them, when requests (matching `filter`) came that no passing verification covered. */
  verifyNothingElse(filter?: RequestFilter): void;
  /** The journal entries matching `filter`, oldest first. */
  requests(filter?: RequestFilter): JournalEntry[];
  /** Adds a fault rule (the fields of POST /__admin/faults); throws on an invalid one. */
  fault(rule: FaultRuleSpec): FaultHandle;
  session(name: string): MockSession;
  readonly [VERIFIER]: Verifier;
}

/** The verification methods of a mock whose control plane `control()` gives (it may throw until it is ready). */
export function mockVerification(control: () => QaControl, url: () => string): MockVerification {
  const verifier = new Verifier(control);
  return {
    [VERIFIER]: verifier,
    verify: (pattern) => verifier.verify(pattern),
    verifyNothingElse: (filter) => verifier.verifyNothingElse(filter),
    requests: (filter) => verifier.requests(filter),
    fault: (rule) => addFault(control(), rule),
    session: (name) => ({
      name,
      headers: { [SESSION_HEADER]: name } as MockSession['headers'],
      get url() {
        return url();
      },
      verify: (pattern) => verifier.verify({ ...pattern, session: name }),
      requests: (filter) => verifier.requests({ ...filter, session: name }),
      reset: () => control().reset(name),
    }),
  };
}
