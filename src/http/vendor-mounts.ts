import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Engine } from '../engine/create-engine.js';
import type { ErrorKind } from '../engine/errors.js';
import type { MockRequest } from '../engine/types.js';
import { redactQuery, requestLineLogger, type Logger } from '../logger.js';
import type { Outcome, QaControl } from '../admin/qa-control.js';
import { readRawBody } from './read-raw-body.js';
import { sendOutcome } from './send-outcome.js';
import { sendResponse } from './send-response.js';
import { toMockRequest } from './to-mock-request.js';
import { asksPrefer } from '../engine/parse-prefer.js';
import type { ProxyHandler } from '../proxy/proxy-vendor.js';
import type { VendorMount } from './vendor-fast-path.js';

export const SESSION_HEADER = 'x-attrmock-session';
const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface VendorMountOptions {
  logger: Logger;
  /** Largest body read, in bytes, for every vendor; without it each vendor's own (its bodyPolicy), else 1 MiB. */
  bodyLimit?: number;
  /** Fault rules, rate limits, latency and the journal around every vendor request. */
  control: QaControl;
  /** Vendors passed to the real vendor (`--proxy`): what fault rules and `Prefer` leave unanswered goes there. */
  proxies?: ReadonlyMap<string, ProxyHandler>;
}

/**
 * Each vendor's request handlers: read the body, run the QA control plane and the engine, answer, journal and
 * log. They use node's request and response and the `path`/`query` a host sets, so they run with or without
 * Express (express types only).
 */
export function createVendorMounts(engine: Engine, options: VendorMountOptions): Map<string, VendorMount> {
  const { control } = options;
  const requestLog = requestLineLogger(options.logger);
  const mounts = new Map<string, VendorMount>();
  for (const vendor of engine.vendorNames) {
    const readBody = readRawBody(options.bodyLimit ?? engine.runtime(vendor).module.bodyPolicy?.limit ?? DEFAULT_BODY_LIMIT);
    const proxy = options.proxies?.get(vendor);
    const answer = async (request: MockRequest, res: ServerResponse, raw?: Request): Promise<void> => {
      const started = performance.now();
      const session = request.headers[SESSION_HEADER];
      // `Prefer` asks the mock itself for an answer, so it is never forwarded; only a host that hands over the raw
      // request (the server, not the middleware) can forward it as sent.
      const forward = proxy !== undefined && raw !== undefined && !asksPrefer(request);
      const outcome = control.shared ? await control.handleShared(vendor, request, session) : control.handle(vendor, request, session, forward);
      if (outcome.durable) await control.settle(vendor, outcome);
      if (outcome.delayMs > 0) await sleep(outcome.delayMs);
      if (outcome.forward && raw) return proxy!(raw, res, request, outcome, started, session);
      const sent = sendOutcome(res, outcome);
      const ms = performance.now() - started;
      control.record(vendor, request, outcome, ms, session, sent);
      logRequest(requestLog, vendor, request, outcome, ms, session);
    };
    const serve = (req: Request, res: Response): Promise<void> => answer(toMockRequest(req), res, req);
    const refuse = (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
      const kind = bodyErrorKind(error);
      sendResponse(res, engine.formatError(vendor, { kind, message: (error as Error).message }));
      options.logger.warn({ vendor, method: req.method, path: req.path, kind }, 'request body refused');
    };
    mounts.set(vendor, { readBody, serve, refuse, answer });
  }
  return mounts;
}

/** raw-body's errors carry a `type`; they are the body errors the client caused. */
function bodyErrorKind(error: unknown): ErrorKind {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return 'payload_too_large';
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return 'unsupported_media_type';
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'entity.verify.failed') return 'malformed_body';
  return 'internal';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function logRequest(logger: Logger, vendor: string, req: MockRequest, outcome: Outcome, ms: number, session?: string): void {
  const { handled } = outcome;
  for (const warning of handled.warnings ?? []) logger.warn({ vendor, operationId: handled.operationId, session }, warning);
  if (!logger.isLevelEnabled('info')) return;
  logger.info({
    vendor,
    method: req.method,
    // As the client sent it and the journal shows it, mount included.
    path: `/${vendor}${req.path}`,
    query: redactQuery(req.query),
    operationId: handled.operationId,
    status: handled.response.status,
    ms: Math.round(ms * 100) / 100,
    session,
    invalid: handled.requestDiagnostics?.map((d) => `${d.location}${d.pointer} ${d.message}`),
    faults: outcome.fired?.ruleIds,
    delivery: outcome.delivery === 'normal' ? undefined : outcome.delivery,
    modelled: handled.modelled,
  }, 'request');
}
