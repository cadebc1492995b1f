import { createHash } from 'node:crypto';
import { constantTimeEquals } from '../../engine/constant-time-equals.js';
import type { AccessTokenRecord } from './model.js';

/** Tokens are indexed by their SHA-256, so a lookup's timing depends on a digest, never on the token's text. */
function keyOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64');
}

/** Access tokens issued by login; a token stops working when it expires or is revoked by logout. */
export class TokenStore {
  private readonly tokens = new Map<string, AccessTokenRecord>();

  issue(record: AccessTokenRecord): AccessTokenRecord {
    this.tokens.set(keyOf(record.token), record);
    return record;
  }

  has(token: string): boolean {
    return this.tokens.has(keyOf(token));
  }

  /** The live record for a token, compared in constant time; an expired one is dropped on sight. */
  find(token: string, nowMs: number): AccessTokenRecord | undefined {
    const key = keyOf(token);
    const record = this.tokens.get(key);
    if (!constantTimeEquals(token, record?.token ?? '') || !record) return undefined;
    if (record.expires_at <= nowMs) {
      this.tokens.delete(key);
      return undefined;
    }
    return record;
  }

  revoke(token: string): boolean {
    return this.tokens.delete(keyOf(token));
  }

  /** Every token acting as the user goes with them (a deleted user, say). */
  revokeUser(userId: string): void {
    for (const [key, record] of this.tokens) if (record.user_id === userId) this.tokens.delete(key);
  }

  /** Called on login so a long-running mock does not keep every token it ever issued. */
  purgeExpired(nowMs: number): void {
    for (const [key, record] of this.tokens) if (record.expires_at <= nowMs) this.tokens.delete(key);
  }

  all(): AccessTokenRecord[] {
    return [...this.tokens.values()];
  }
}
