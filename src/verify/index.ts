export type { MockSession, MockVerification } from './mock-verification.js';
export type { RequestFilter, RequestPattern } from './request-pattern.js';
export type { FaultHandle, FaultRuleSpec } from './fault-handle.js';
export { VerificationError } from './verifier.js';
export type { JournalEntry } from '../admin/journal.js';
