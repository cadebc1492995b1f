import express, { type Express, type Request, type Response } from 'express';
import type { Engine } from '../engine/create-engine.js';
import type { AdminApi } from '../admin/admin-api.js';
import { adminRoutes } from './admin-routes.js';
import type { VendorMount } from './vendor-fast-path.js';

export interface HttpAppOptions {
  admin: AdminApi;
  /** Protects /__admin when set. */
  adminToken?: string;
  /**
   * Awaited before every admin call (a replica catches up with the shared store; a change takes its lock and gets
   * the release); a rejection answers 503.
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
  // Every admin call reads what the other replicas did first; a change takes the lock in its route (adminRoutes).
  if (enterAdmin) {
    app.use('/__admin', (_req, res, next) => {
      enterAdmin(false).then(() => next(), () => res.status(503).json({ message: 'attrmock cannot reach its shared store (Redis); try again' }));
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

