import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Engine } from '../engine/create-engine.js';
import type { ErrorKind } from '../engine/errors.js';
import type { HandledRequest } from '../engine/handle-request.js';
import { redactQuery, type Logger } from '../logger.js';
import { adminRoutes } from './admin-routes.js';
import { sendResponse } from './send-response.js';
import { toMockRequest } from './to-mock-request.js';

export const SESSION_HEADER = 'x-attrmock-session';

export interface HttpAppOptions {
  logger: Logger;
  /** Largest body read, in bytes; nothing past it is read. */
  bodyLimit: number;
}

/** The Express 5 host: the only module that knows a web framework. One engine call per vendor request. */
export function createHttpApp(engine: Engine, options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use('/__admin', express.json({ limit: options.bodyLimit }), adminRoutes(engine));
  for (const vendor of engine.vendorNames) {
    app.use(`/${vendor}`, express.raw({ type: () => true, limit: options.bodyLimit }), (req: Request, res: Response) => {
      const started = performance.now();
      const request = toMockRequest(req);
      const session = request.headers[SESSION_HEADER];
      const handled = engine.handle(vendor, request, session);
      sendResponse(res, handled.response);
      logRequest(options.logger, vendor, req, handled, performance.now() - started, session);
    });
    app.use(`/${vendor}`, (error: unknown, req: Request, res: Response, _next: NextFunction) => {
      const kind = bodyErrorKind(error);
      sendResponse(res, engine.formatError(vendor, { kind, message: (error as Error).message }));
      options.logger.warn({ vendor, method: req.method, path: req.path, kind }, 'request body refused');
    });
  }
  app.use((req: Request, res: Response) => {
    res.status(404).json({ message: `attrmock serves /${engine.vendorNames.join(', /')} and /__admin; nothing at ${req.path}` });
  });
  return app;
}

/** raw-body's errors carry a `type`; they are the body errors the client caused. */
function bodyErrorKind(error: unknown): ErrorKind {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') return 'payload_too_large';
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return 'unsupported_media_type';
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'entity.verify.failed') return 'malformed_body';
  return 'internal';
}

function logRequest(logger: Logger, vendor: string, req: Request, handled: HandledRequest, ms: number, session?: string): void {
  if (!logger.isLevelEnabled('info')) return;
  logger.info({
    vendor,
    method: req.method,
    path: req.path,
    query: redactQuery(req.query as Record<string, string>),
    operationId: handled.operationId,
    status: handled.response.status,
    ms: Math.round(ms * 100) / 100,
    session,
    invalid: handled.requestDiagnostics?.map((d) => `${d.location}${d.pointer} ${d.message}`),
  }, 'request');
}
