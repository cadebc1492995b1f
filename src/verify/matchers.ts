import { VERIFIER } from './mock-verification.js';
import type { RequestFilter, RequestPattern } from './request-pattern.js';
import type { Check, Verifier } from './verifier.js';

/** The second argument of `toHaveReceived`: the rest of a request pattern. */
export type ReceivedOptions = Omit<RequestPattern, 'operationId'>;

/** What jest and vitest give a matcher as `this`; only `isNot` is read. */
interface MatcherState {
  isNot?: boolean;
}

interface MatcherResult {
  pass: boolean;
  message(): string;
}

/** The matchers' types, for both test runners' `expect(mock)`. */
export interface AttrmockMatchers<R = unknown> {
  /**
   * The mock received a request of `operationId` (at least once, or exactly `times`) matching the options;
   * on failure the message lists what it received instead, nearest first. A pattern object works too.
   */
  toHaveReceived(operationId: string | RequestPattern, options?: ReceivedOptions): R;
  /** Every request it received (matching `filter`, e.g. `{ session }`) was covered by a passing `toHaveReceived`/`verify`. */
  toHaveReceivedNothingElse(filter?: RequestFilter): R;
}

/** For `expect.extend(attrmockMatchers)` where importing `attrmock/vitest` or `attrmock/jest` cannot register them. */
export const attrmockMatchers = {
  toHaveReceived(this: MatcherState, received: unknown, operationId: string | RequestPattern, options: ReceivedOptions = {}): MatcherResult {
    const pattern = typeof operationId === 'string' ? { operationId, ...options } : { ...operationId, ...options };
    const result = withVerifier(received, (verifier) => verifier.check(pattern, !this.isNot));
    // The report speaks of what was expected without `.not`; say that it was negated, and so failed for matching.
    return this.isNot ? { pass: result.pass, message: () => `expect(mock).not.toHaveReceived failed, as the mock did receive it: ${result.message()}` } : result;
  },
  toHaveReceivedNothingElse(this: MatcherState, received: unknown, filter: RequestFilter = {}): MatcherResult {
    return withVerifier(received, (verifier) => verifier.checkNothingElse(filter));
  },
};

function withVerifier(received: unknown, check: (verifier: Verifier) => Check): MatcherResult {
  const verifier = (received as { [VERIFIER]?: Verifier } | null | undefined)?.[VERIFIER];
  if (verifier === undefined) return { pass: false, message: () => `expected an attrmock mock (from startMock() or attrmockMiddleware()), received ${typeof received}` };
  const { pass, message } = check(verifier);
  return { pass, message: () => message };
}
