import { constantTimeEquals } from '../engine/constant-time-equals.js';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AdminApi, AdminQuery, AdminReply } from '../admin/admin-api.js';
import type { Engine } from '../engine/create-engine.js';
import { dashboardApi, dashboardPage } from '../admin/ui/dashboard-routes.js';

export interface AdminRouteOptions {
  /** When set, every admin call but GET /health needs `Authorization: Bearer <token>` (or `x-attrmock-admin-token`). */
  adminToken?: string;
  /** Largest admin body (state imports can be large). */
  bodyLimit: number;
}

/** attrmock's own control API under /__admin, kept apart from every vendor mount; JSON in, JSON out. */
export function adminRoutes(engine: Engine, api: AdminApi, options: AdminRouteOptions): Router {
  const router = express.Router();
  // Before the token: orchestrators and CI wait-loops poll health without credentials, and it reveals only
  // what the vendor mounts already do.
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', vendors: engine.vendorNames });
  });
  router.use(dashboardPage(options.adminToken !== undefined));
  if (options.adminToken !== undefined) router.use(requireToken(options.adminToken));
  router.use(express.json({ limit: options.bodyLimit }), singleQueryValues);
  router.use(dashboardApi(api.control, api.scenariosDir));
  const reply = (answer: (req: Request) => AdminReply | Promise<AdminReply>) => async (req: Request, res: Response) => {
    const { status, body } = await answer(req);
    res.status(status).json(body);
  };
  router.get('/requests', reply((req) => api.requests(query(req))));
  router.delete('/requests', reply((req) => api.clearRequests(query(req))));
  router.post('/faults', reply((req) => api.addFaults(req.body)));
  router.get('/faults', reply((req) => api.listFaults(query(req))));
  router.delete('/faults', reply((req) => api.clearFaults(query(req))));
  router.delete('/faults/:id', reply((req) => api.removeFault(String(req.params.id))));
  router.get('/state', reply((req) => api.exportState(query(req))));
  router.put('/state', reply((req) => api.importState(query(req), req.body)));
  router.post('/reset', reply((req) => api.reset(query(req))));
  router.post('/scenarios/:name', reply((req) => api.loadScenario(String(req.params.name), query(req))));
  router.use((req: Request, res: Response) => {
    res.status(404).json({ message: `no admin endpoint ${req.method} /__admin${req.path}; see the README, "QA control"` });
  });
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const type = (error as { type?: string }).type;
    const status = type === 'entity.too.large' ? 413 : type === 'entity.parse.failed' ? 400 : 500;
    res.status(status).json({ message: status === 500 ? `admin error: ${(error as Error).message}` : (error as Error).message });
  });
  return router;
}

function query(req: Request): AdminQuery {
  const out: AdminQuery = {};
  for (const [key, value] of Object.entries(req.query)) if (typeof value === 'string') out[key] = value;
  return out;
}

/** A repeated parameter (`?session=a&session=b`) would otherwise be dropped, and a dropped session means all sessions. */
function singleQueryValues(req: Request, res: Response, next: NextFunction): void {
  const repeated = Object.entries(req.query).filter(([, value]) => typeof value !== 'string').map(([key]) => key);
  if (repeated.length === 0) return next();
  res.status(400).json({ message: `give each query parameter once: ${repeated.join(', ')} came more than once` });
}

function requireToken(token: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests: a wrong token's length says nothing either.
    if (constantTimeEquals(bearer ?? String(req.headers['x-attrmock-admin-token'] ?? ''), token)) return next();
    res.status(401).setHeader('www-authenticate', 'Bearer realm="attrmock admin"').json({ message: 'the admin API needs Authorization: Bearer <--admin-token> (or x-attrmock-admin-token: <--admin-token>)' });
  };
}
