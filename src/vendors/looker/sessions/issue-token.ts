import { randomBytes } from 'node:crypto';
import type { LookerState } from '../looker-state.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_LENGTH = 40;
/** The largest multiple of 62 a byte holds: bytes from it up are dropped, so every letter is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

/**
 * A fresh access token in Looker's shape (40 letters and digits) from the system's CSPRNG, never the world's
 * seeded faker: a seeded token is the same on every server and after every reset, so a token kept from one
 * session would authenticate as whoever logs in first in the next.
 */
export function newAccessToken(): string {
  let token = '';
  while (token.length < TOKEN_LENGTH) {
    for (const byte of randomBytes(TOKEN_LENGTH * 2)) {
      if (byte < UNBIASED_LIMIT && token.length < TOKEN_LENGTH) token += ALPHABET[byte % ALPHABET.length];
    }
  }
  return token;
}

/** Issues a token acting as the user for the configured lifetime; answers Looker's AccessToken. */
export function issueToken(state: LookerState, userId: string, nowMs: number): Record<string, unknown> {
  state.tokens.purgeExpired(nowMs);
  let token = newAccessToken();
  while (state.tokens.has(token)) token = newAccessToken();
  const ttl = state.settings.tokenTtlSeconds;
  state.tokens.issue({ token, user_id: userId, expires_at: nowMs + ttl * 1000 });
  return { access_token: token, token_type: 'Bearer', expires_in: ttl, refresh_token: null };
}
