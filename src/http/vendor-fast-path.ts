import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import type { MockRequest } from '../engine/types.js';

/** The two Express handlers of one vendor mount: the body reader plus the vendor handler, and the body-error one. */
export interface VendorMount {
  readBody: RequestHandler;
  serve: RequestHandler;
  refuse: ErrorRequestHandler;
  /** Answers a request already read into the engine's shape (hosts that read the body their own way). */
  answer(request: MockRequest, res: ServerResponse): Promise<void>;
}

/**
 * Serves a request below an exact `/<vendor>` mount with that vendor's handlers and no web framework: Express's
 * router and per-request prototype swap cost more than the whole engine (benchmark: ~60 µs of a bare Express
 * app's ~75 µs per request, against ~40 µs for routing, auth, validation both ways and state). Sets the `path`
 * and `query` Express would have set below the mount. Returns false for anything else (admin, 404, other
 * spellings), which the Express app answers.
 */
export function serveVendor(req: IncomingMessage, res: ServerResponse, mounts: ReadonlyMap<string, VendorMount>): boolean {
  const url = req.url ?? '/';
  const mark = url.indexOf('?');
  const pathname = mark < 0 ? url : url.slice(0, mark);
  const slash = pathname.indexOf('/', 1);
  const mount = pathname.startsWith('/') ? mounts.get(pathname.slice(1, slash < 0 ? undefined : slash)) : undefined;
  if (!mount) return false;
  const request = Object.assign(req, { path: slash < 0 ? '/' : pathname.slice(slash), query: mark < 0 ? {} : parseQuery(url.slice(mark + 1)) }) as unknown as Request;
  const response = res as Response;
  const fail = (error: unknown): void => {
    if (!res.headersSent) mount.refuse(error, request, response, () => undefined);
    else res.destroy();
  };
  mount.readBody(request, response, (error?: unknown) => {
    if (error) return fail(error);
    Promise.resolve(mount.serve(request, response, () => undefined)).catch(fail);
  });
  return true;
}
