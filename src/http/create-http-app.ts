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
  if (enterAdmin) {
    app.use('/__admin', (req, res, next) => {
      enterAdmin(req.method !== 'GET' && req.method !== 'HEAD').then(
        (leave) => {
          if (leave) endAfter(res, leave);
          next();
        },
        () => res.status(503).json({ message: 'attrmock cannot reach its shared store (Redis); try again' }),
      );
    });
  }
  app.use('/__admin', adminRoutes(engine, options.admin, { adminToken: options.adminToken, bodyLimit: ADMIN_BODY_LIMIT, stateBodyLimit: STATE_BODY_LIMIT }));
  for (const [vendor, mount] of mounts) {
    app.use(`/${vendor}`, mount.readBody, mount.serve);
    app.use(`/${vendor}`, mount.refuse);
  }
  app.use((req: Request, res: Response) => {
    res.status(404).json({ message: `attrmock serves /${engine.vendorNames.join(', /')} and /__admin; nothing at ${req.path}` });
  });
  return app;
}

/**
 * Holds the answer until `leave` has run, as express-session holds it until the session is saved: a client told
 * its change is done can read it on any replica. A connection closed first still runs `leave` (the lock is freed).
 */
function endAfter(res: Response, leave: () => Promise<void>): void {
  let left: Promise<void> | undefined;
  const once = () => (left ??= leave().catch(() => undefined));
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    void once().then(() => end(...args));
    return res;
  }) as Response['end'];
  res.on('close', () => void once());
}
