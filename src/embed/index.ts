export { attrmockMiddleware, type AttrmockMiddleware, type MiddlewareOptions } from './attrmock-middleware.js';
export type { MockSession, MockVerification } from '../verify/mock-verification.js';
export type { RequestFilter, RequestPattern } from '../verify/request-pattern.js';
export type { FaultHandle, FaultRuleSpec } from '../verify/fault-handle.js';
export { VerificationError } from '../verify/verifier.js';
export type { JournalEntry } from '../admin/journal.js';
