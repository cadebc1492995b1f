import express, { type Express, type Request, type Response } from 'express';
import type { Engine } from '../engine/create-engine.js';
import type { AdminApi } from '../admin/admin-api.js';
import { adminRoutes, STORE_UNREACHABLE } from './admin-routes.js';
import type { VendorMount } from './vendor-fast-path.js';

export interface HttpAppOptions {
  admin: AdminApi;
  /** Protects /__admin when set. */
  adminToken?: string;
  /**
   * Awaited before every admin read (a replica catches up with the shared store) and around every change (which
   * takes the lock and gets its release); a rejection answers 503.
   */
  enterAdmin?(change: boolean): Promise<(() => Promise<void>) | undefined>;
}

/** State imports carry whole worlds (PUT /__admin/state), so they may be far larger than vendor bodies. */
export const STATE_BODY_LIMIT = 512 * 1024 * 1024;
/** Every other admin body is a fault rule or a list of them. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;

/**
 * The Express 5 app: `/__admin`, vendor mounts under spellings the fast path does not take (Express matches
 * `/SNAG` too), and the 404. The only module that imports a web framework.
 */
export function createHttpApp(engine: Engine, options: HttpAppOptions, mounts: ReadonlyMap<string, VendorMount>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  const { enterAdmin } = options;
  // A read first takes in what the other replicas did; a change does that under the lock, in its route (adminRoutes).
  if (enterAdmin) {
    app.use('/__admin', (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      enterAdmin(false).then(() => next(), () => res.status(503).json({ message: STORE_UNREACHABLE }));
    });
  }
  app.use('/__admin', adminRoutes(engine, options.admin, { adminToken: options.adminToken, bodyLimit: ADMIN_BODY_LIMIT, stateBodyLimit: STATE_BODY_LIMIT, exclusive: enterAdmin && (() => enterAdmin(true)) }));
  for (const [vendor, mount] of mounts) {
    app.use(`/${vendor}`, mount.readBody, mount.serve);
    app.use(`/${vendor}`, mount.refuse);
  }
  app.use((req: Request, res: Response) => {
    res.status(404).json({ message: `attrmock serves /${engine.vendorNames.join(', /')} and /__admin; nothing at ${req.path}` });
  });
  return app;
}
