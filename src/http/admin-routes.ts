import express, { type Router } from 'express';
import type { Engine } from '../engine/create-engine.js';

/** attrmock's own control API, kept apart from every vendor mount. */
export function adminRoutes(engine: Engine): Router {
  const router = express.Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', vendors: engine.vendorNames });
  });
  router.post('/reset', (req, res) => {
    const session = typeof req.query.session === 'string' ? req.query.session : undefined;
    engine.worlds.reset(session);
    res.json({ status: 'ok', reset: session ?? 'all' });
  });
  return router;
}
