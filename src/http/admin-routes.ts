import { constantTimeEquals } from '../engine/constant-time-equals.js';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AdminApi, AdminQuery, AdminReply } from '../admin/admin-api.js';
import type { Engine } from '../engine/create-engine.js';
import { dashboardApi, dashboardPage } from '../admin/ui/dashboard-routes.js';

export interface AdminRouteOptions {
  /** When set, every admin call but GET /health needs `Authorization: Bearer <token>` (or `x-attrmock-admin-token`). */
  adminToken?: string;
  /** Largest body of PUT /__admin/state, which carries whole worlds. */
  stateBodyLimit: number;
  /** Largest body of every other admin call (fault rules): small, so a junk list cannot stall the server. */
  bodyLimit: number;
  /**
   * Replicas sharing a store: taken around each change, once it is authorised and its body read; the release
   * resolves once the change is in the store (and rejects if it could not be put there).
   */
  exclusive?: () => Promise<(() => Promise<void>) | undefined>;
}

/** What an admin call answers when the shared store (Redis) cannot be reached. */
export const STORE_UNREACHABLE = 'attrmock cannot reach its shared store (Redis); try again';

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
  router.put('/state', express.json({ limit: options.stateBodyLimit }));
  router.use(express.json({ limit: options.bodyLimit }), singleQueryValues);
  router.use(dashboardApi(api.control, api.scenariosDir));
  const reply = (answer: (req: Request) => AdminReply | Promise<AdminReply>) => async (req: Request, res: Response) => {
    const { status, body } = await answer(req);
    res.status(status).json(body);
  };
  const { exclusive } = options;
  // A change answers only once every replica can see it; one the store could not take is a 503, not a 2xx.
  const change = (answer: (req: Request) => AdminReply | Promise<AdminReply>) =>
    exclusive === undefined ? reply(answer) : reply((req) => underLock(exclusive, () => answer(req)));
  const session = onlyParameters('session');
  const none = onlyParameters();
  // GET /requests checks its own filters (parseJournalFilter).
  router.get('/requests', reply((req) => api.requests(query(req))));
  router.delete('/requests', session, change((req) => api.clearRequests(query(req))));
  router.post('/faults', none, change((req) => api.addFaults(req.body)));
  router.get('/faults', session, reply((req) => api.listFaults(query(req))));
  router.delete('/faults', session, change((req) => api.clearFaults(query(req))));
  router.delete('/faults/:id', none, change((req) => api.removeFault(String(req.params.id))));
  router.get('/state', session, reply((req) => api.exportState(query(req))));
  router.put('/state', session, change((req) => api.importState(query(req), req.body)));
  router.get('/sessions', none, reply(() => api.sessions()));
  router.post('/reset', session, change((req) => api.reset(query(req))));
  router.post('/scenarios/:name', session, change((req) => api.loadScenario(String(req.params.name), query(req))));
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

/** Runs an admin change under the shared store's lock; the lock is given back however the change ends. */
async function underLock(exclusive: NonNullable<AdminRouteOptions['exclusive']>, answer: () => AdminReply | Promise<AdminReply>): Promise<AdminReply> {
  let leave: (() => Promise<void>) | undefined;
  try {
    leave = await exclusive();
  } catch {
    return { status: 503, body: { message: STORE_UNREACHABLE } };
  }
  let answered: AdminReply;
  try {
    answered = await answer();
  } catch (error) {
    await leave?.().catch(() => undefined);
    throw error;
  }
  try {
    await leave?.();
  } catch (error) {
    return { status: 503, body: { message: `attrmock could not confirm this change reached Redis (${(error as Error).message}); it may not have been kept: read it back before relying on it` } };
  }
  return answered;
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

/**
 * A misspelt or bracketed parameter (`?sesion=a`, `?Session=a`, `?session[]=a`) would be ignored, and a reset or
 * a fault deletion without a session acts on every session: refuse what the route does not take.
 */
function onlyParameters(...names: string[]) {
  const takes = names.length === 0 ? 'no query parameters' : `only ${names.join(', ')}`;
  return (req: Request, res: Response, next: NextFunction): void => {
    const unknown = Object.keys(req.query).filter((key) => !names.includes(key));
    if (unknown.length === 0) return next();
    res.status(400).json({ message: `unknown query parameter ${unknown.map((key) => JSON.stringify(key)).join(', ')}: ${req.method} /__admin${req.path} takes ${takes}` });
  };
}

function requireToken(token: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // Compared as digests: a wrong token's length says nothing either.
    if (constantTimeEquals(bearer ?? String(req.headers['x-attrmock-admin-token'] ?? ''), token)) return next();
    res.status(401).setHeader('www-authenticate', 'Bearer realm="attrmock admin"').json({ message: 'the admin API needs Authorization: Bearer <--admin-token> (or x-attrmock-admin-token: <--admin-token>)' });
  };
}
