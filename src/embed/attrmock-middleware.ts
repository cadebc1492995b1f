import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import express, { type NextFunction, type Request, type Response } from 'express';
import { assembleMock, type MockParts, type MockSetupOptions } from '../assemble-mock.js';
import type { QaControl } from '../admin/qa-control.js';
import type { Engine } from '../engine/create-engine.js';
import type { MockRequest } from '../engine/types.js';
import { adminRoutes } from '../http/admin-routes.js';
import { ADMIN_BODY_LIMIT, STATE_BODY_LIMIT } from '../http/create-http-app.js';
import { guardAdmin, isAdminPath } from '../http/admin-guard.js';
import { applyCors } from '../http/cors.js';
import { mockHeaders } from '../http/to-mock-request.js';
import type { VendorMount } from '../http/vendor-fast-path.js';
import { createVendorMounts } from '../http/vendor-mounts.js';
import { mockVerification, type MockVerification } from '../verify/mock-verification.js';
import { bodyAlreadyRead, bodyFromAppParser } from './body-from-app-parser.js';

export interface MiddlewareOptions extends MockSetupOptions {
  /** Serve attrmock's control API at `<mount>/__admin` (default true). */
  admin?: boolean;
  /** Origins granted CORS and state changes on `<mount>/__admin`, as the server's `--admin-cors`; by default none. */
  adminCors?: string[];
  /**
   * Where the app serves the middleware, e.g. `http://127.0.0.1:3000/mocks`, for `mock.session(name).url`.
   * Without it the middleware learns it from the first request it serves.
   */
  url?: string;
}

/** An Express 4 or 5 middleware serving every vendor (and `/__admin`), with the mock's verification methods. */
export interface AttrmockMiddleware extends MockVerification {
  (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void;
  /** Resolves once specs and fixtures are loaded (requests that come earlier wait for it); rejects if they cannot be. */
  readonly ready: Promise<void>;
  /** The base URL vendors live under (`${url}/snag`): given, or learned from the first request served. */
  url: string;
  /** Available once `ready` resolved. */
  readonly engine: Engine;
  readonly control: QaControl;
  /** Restores the seeded world, with no fault rules and an empty journal (of one session, or all). */
  reset(session?: string): void;
  /** Resolves once every change is in the state file (at once without one). */
  flush(): Promise<void>;
  /** Flushes the state file; the app's server is the app's to close. */
  close(): Promise<void>;
}

/**
 * attrmock inside an existing Express 4 or 5 app: `app.use('/mocks', attrmockMiddleware())` serves
 * `/mocks/snag/...`, `/mocks/lightdash/...`, `/mocks/looker/...` and `/mocks/__admin`, all from one world of its
 * own. It reads request bodies itself, so it may sit before or after the app's body parsers (before, a
 * malformed body gets the vendor's own error rather than the app's). Paths below the mount it does not serve
 * go on to the app's next handler.
 */
export function attrmockMiddleware(options: MiddlewareOptions = {}): AttrmockMiddleware {
  let parts: MockParts | undefined;
  let mounts: ReadonlyMap<string, VendorMount> = new Map();
  let url = options.url;
  const ready = assembleMock(options).then((assembled) => {
    parts = assembled;
    mounts = createVendorMounts(assembled.engine, { logger: assembled.logger, bodyLimit: assembled.bodyLimit, control: assembled.control });
  });
  // Reported on the requests that wait for it and to whoever awaits `ready`, not as an unhandled rejection.
  ready.catch(() => undefined);
  const loaded = (): MockParts => {
    if (!parts) throw new Error('attrmock: the middleware is still loading its specs; await mock.ready first');
    return parts;
  };

  const router = express.Router();
  router.use((req: Request, res: Response, next: NextFunction) => {
    url ??= `${req.protocol ?? 'http'}://${req.headers.host}${req.baseUrl}`;
    if (parts) return next();
    ready.then(() => next(), next);
  });
  // The admin API gets the server's guard, not the vendors' open CORS: a page on another site must not read the
  // journal or change the worlds of a mock that sits inside a developer's app (issue 19).
  const adminCors = new Set((options.adminCors ?? []).map((origin) => origin.toLowerCase()));
  const cors = options.cors ?? true;
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (isAdminPath(req.url)) return guardAdmin(req, res, adminCors) ? undefined : next();
    return cors && applyCors(req, res) ? undefined : next();
  });
  if (options.admin ?? true) {
    let routes: express.Router | undefined;
    router.use('/__admin', (req: Request, res: Response, next: NextFunction) => {
      const { engine, admin } = loaded();
      routes ??= adminRoutes(engine, admin, { adminToken: options.adminToken, bodyLimit: ADMIN_BODY_LIMIT, stateBodyLimit: STATE_BODY_LIMIT });
      routes(req, res, next);
    });
  }
  router.use((req: Request, res: Response, next: NextFunction) => {
    const target = vendorTarget(req.url, mounts);
    if (!target) return next();
    const { mount, path, search } = target;
    const answer = (body: Buffer | undefined, rebuilt: boolean): void => {
      const request: MockRequest = { method: req.method.toUpperCase(), path, query: parseQuery(search) as MockRequest['query'], headers: mockHeaders(req.headers), body };
      if (rebuilt) {
        delete request.headers['content-encoding'];
        request.headers['content-length'] = String(body?.length ?? 0);
      }
      mount.answer(request, res).catch((error: unknown) => (res.headersSent ? res.destroy() : mount.refuse(error, req, res, next)));
    };
    if (bodyAlreadyRead(req)) return answer(bodyFromAppParser(req), true);
    // Express 4's parsers leave `{}` on requests they skip; only the reader's own Buffer is the body.
    const before = req.body;
    mount.readBody(req, res, (error?: unknown) => {
      if (error) return mount.refuse(error, req, res, next);
      answer(Buffer.isBuffer(req.body) && req.body !== before ? req.body : undefined, false);
    });
  });

  const urlOf = (): string => {
    if (url === undefined) throw new Error('attrmock: the middleware learns its URL from the first request it serves; pass attrmockMiddleware({ url }) or set mock.url');
    return url;
  };
  const verification = mockVerification(() => loaded().control, urlOf);
  return Object.defineProperties(Object.assign(router, verification), {
    ready: { value: ready },
    url: { get: urlOf, set: (value: string) => (url = value), enumerable: true },
    engine: { get: () => loaded().engine },
    control: { get: () => loaded().control },
    reset: { value: (session?: string) => loaded().control.reset(session) },
    flush: { value: async () => (await ready, parts?.saver?.flush()) },
    close: { value: async () => (await ready, parts?.saver?.flush()) },
  }) as unknown as AttrmockMiddleware;
}

/** The vendor mount a path below the middleware names (`/snag/...`, any letter case), and the rest of the URL. */
function vendorTarget(url: string, mounts: ReadonlyMap<string, VendorMount>): { mount: VendorMount; path: string; search: string } | undefined {
  const mark = url.indexOf('?');
  const pathname = mark < 0 ? url : url.slice(0, mark);
  const slash = pathname.indexOf('/', 1);
  const mount = mounts.get(pathname.slice(1, slash < 0 ? undefined : slash).toLowerCase());
  if (!mount) return undefined;
  return { mount, path: slash < 0 ? '/' : pathname.slice(slash), search: mark < 0 ? '' : url.slice(mark + 1) };
}
