import { setTimeout as sleep } from 'node:timers/promises';
import { sendRequest, StopSuite, type Exchange } from './send-request.js';
import type { StepRequest } from './types.js';

/** The longest `Retry-After` the runner waits out; a target asking for more stops the suite instead. */
export const MAX_RETRY_AFTER_SECONDS = 30;

/**
 * Sends a step's request; when the target answers 429 or 503 with `Retry-After` and the step did not expect that
 * status, waits as asked (capped) and retries once. A longer wait, or a second refusal, stops the suite: hammering
 * a tenant that asked for rest only lengthens its lockout.
 */
export async function sendAsked(baseUrl: string, request: StepRequest, authHeaders: Record<string, string>, expected: number | number[], signal?: AbortSignal): Promise<Exchange> {
  const first = await sendRequest(baseUrl, request, authHeaders);
  const wait = retryAfterSeconds(first, expected);
  if (wait === undefined) return first;
  const asked = `answered ${first.response.status} with Retry-After: ${first.response.headers.get('retry-after')}`;
  if (wait > MAX_RETRY_AFTER_SECONDS) throw new StopSuite(`${asked}, longer than the ${MAX_RETRY_AFTER_SECONDS} s the runner waits; stopping the suite`);
  await sleep(wait * 1000, undefined, { signal }).catch(() => undefined);
  const second = await sendRequest(baseUrl, request, authHeaders);
  if (retryAfterSeconds(second, expected) !== undefined) throw new StopSuite(`${asked}, and ${second.response.status} again after waiting ${wait} s; stopping the suite`);
  return second;
}

/** Seconds to wait (delta-seconds or an HTTP date), when this answer asks the runner to come back later. */
function retryAfterSeconds(exchange: Exchange, expected: number | number[]): number | undefined {
  const { status, headers } = exchange.response;
  if ((status !== 429 && status !== 503) || [expected].flat().includes(status)) return undefined;
  const header = headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = /^\s*\d+\s*$/.test(header) ? Number(header) : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined;
}
