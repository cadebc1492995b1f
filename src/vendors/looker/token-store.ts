import type { AccessTokenRecord } from './model.js';

/** Access tokens issued by login; a token stops working when it expires or is revoked by logout. */
export class TokenStore {
  private readonly tokens = new Map<string, AccessTokenRecord>();

  issue(record: AccessTokenRecord): AccessTokenRecord {
    this.tokens.set(record.token, record);
    return record;
  }

  has(token: string): boolean {
    return this.tokens.has(token);
  }

  /** The live record for a token; an expired one is dropped on sight. */
  find(token: string, nowMs: number): AccessTokenRecord | undefined {
    const record = this.tokens.get(token);
    if (!record) return undefined;
    if (record.expires_at <= nowMs) {
      this.tokens.delete(token);
      return undefined;
    }
    return record;
  }

  revoke(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** Called on login so a long-running mock does not keep every token it ever issued. */
  purgeExpired(nowMs: number): void {
    for (const [token, record] of this.tokens) if (record.expires_at <= nowMs) this.tokens.delete(token);
  }

  all(): AccessTokenRecord[] {
    return [...this.tokens.values()];
  }
}
