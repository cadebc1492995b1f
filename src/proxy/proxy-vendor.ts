import type { ServerResponse } from 'node:http';
import type { Request } from 'express';
import type { Outcome, QaControl } from '../admin/qa-control.js';
import type { JournalEntry } from '../admin/journal.js';
import { redactBody, redactHeaders } from '../admin/redact.js';
import { responseChecker } from '../contract/check-response-schema.js';
import type { Engine } from '../engine/create-engine.js';
import type { MockRequest } from '../engine/types.js';
import { sendResponse } from '../http/send-response.js';
import { redactQuery, type Logger } from '../logger.js';
import { endToEnd, forwardUpstream, type UpstreamAnswer } from './forward-upstream.js';
import { readAnswerBody } from './read-answer-body.js';
import type { Recording } from './recording.js';

/** Serves one request the QA control let through by passing it to the real vendor (see QaControl.handle). */
export type ProxyHandler = (req: Request, res: ServerResponse, request: MockRequest, outcome: Outcome, started: number, session?: string) => Promise<void>;

export interface ProxyOptions {
  engine: Engine;
  control: QaControl;
  logger: Logger;
  recording?: Recording;
  /** Milliseconds to wait for the real vendor's answer (default 30 s). */
  timeoutMs?: number;
}

/** Characters of a body a recording keeps (the journal keeps 16 KiB; a recording is for replaying). */
const RECORD_LIMIT = 1024 * 1024;

/**
 * The proxy for one vendor: the request goes to `base` + the path below the mount as sent, the answer comes
 * back unchanged, and what in it breaks the vendor's spec is journaled, logged and recorded as drift.
 */
export function proxyVendor(vendor: string, base: string, options: ProxyOptions): ProxyHandler {
  const { engine, control, logger, recording } = options;
  const check = responseChecker(engine.runtime(vendor).routes);
  const mount = `/${vendor}`;
  return async (req, res, request, outcome, started, session) => {
    const url = new URL(base + (req.url ?? '/').slice(mount.length));
    const upstream: NonNullable<JournalEntry['upstream']> = { url: url.origin + url.pathname, durationMs: 0 };
    let answer: UpstreamAnswer;
    try {
      answer = await forwardUpstream(url, request.method, req.headers, request.body, options.timeoutMs ?? 30_000);
    } catch (error) {
      const reason = `${url.origin} could not be reached: ${(error as Error).message}`;
      const response = engine.formatError(vendor, { kind: 'forced', status: 502, message: reason });
      const failed = { ...outcome, handled: { response, mutated: false } };
      const sent = sendResponse(res, response);
      upstream.error = reason;
      upstream.durationMs = round(performance.now() - started);
      control.record(vendor, request, failed, performance.now() - started, session, sent, { proxied: true, upstream, status: 502 });
      logger.warn({ vendor, method: request.method, path: req.path, upstream: url.origin, reason }, 'upstream unreachable');
      return;
    }
    const headers = endToEnd(answer.headers);
    if (answer.headers['transfer-encoding'] !== undefined) headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
    const contentType = header(answer.headers['content-type']);
    const { text, body } = readAnswerBody(answer.body, contentType, header(answer.headers['content-encoding']));
    const verdict = check(request.method, request.path, answer.status, body, contentType ?? null);
    const drift = verdict.operationId === undefined ? [`${request.method} ${request.path} is not in specs/${vendor}.oas.yaml`] : verdict.failures.map((f) => f.message);
    const flat = flatHeaders(headers);
    upstream.status = answer.status;
    upstream.durationMs = round(answer.durationMs);
    const durationMs = performance.now() - started;
    const fields = { proxied: true as const, upstream, status: answer.status, operationId: verdict.operationId, drift: drift.length > 0 ? drift : undefined };
    control.record(vendor, request, outcome, durationMs, session, { status: answer.status, headers: flat, payload: text }, fields);
    if (drift.length > 0) logger.warn({ vendor, method: request.method, path: req.path, status: answer.status, drift }, 'upstream answer breaks the spec');
    else logger.info({ vendor, method: request.method, path: req.path, query: redactQuery(request.query), status: answer.status, ms: round(durationMs), proxied: true }, 'request');
    recording?.append({
      at: outcome.arrivedAt.toISOString(),
      vendor,
      method: request.method,
      path: request.path,
      query: redactQuery(request.query),
      headers: redactHeaders(request.headers),
      body: redactBody(request.body, request.headers['content-type'], RECORD_LIMIT),
      operationId: verdict.operationId,
      response: { status: answer.status, headers: redactHeaders(flat), body: text === undefined ? undefined : redactBody(Buffer.from(text), contentType, RECORD_LIMIT) },
      durationMs: round(durationMs),
      drift: fields.drift,
    });
  };
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = header(value)!;
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
