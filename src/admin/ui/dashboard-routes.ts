import express, { type Request, type Response, type Router } from 'express';
import path from 'node:path';
import { packageRoot } from '../../package-root.js';
import type { QaControl } from '../qa-control.js';
import { DashboardApi } from './dashboard-api.js';
import { streamJournal } from './journal-events.js';

/**
 * The page may load only its own files and talk only to its own origin: it shows request bodies a client
 * sent, and nothing in them may run or load anything. Nor may another site frame it (clickjacking the force
 * buttons).
 */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The dashboard's files under /__admin/ui/. They hold no data, so they load without the admin token; the page
 * asks for it and sends it on every call it makes, which the admin API checks as it does for anyone.
 */
export function dashboardPage(tokenRequired: boolean): Router {
  const router = express.Router();
  // Lets the page ask for the token before its first call rather than after a 401 (which a browser logs as an error).
  router.get('/ui/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ tokenRequired });
  });
  router.use('/ui', express.static(path.join(packageRoot(), 'dashboard'), {
    index: 'index.html',
    redirect: true,
    setHeaders: (res) => {
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'no-store');
    },
  }));
  return router;
}

/** The calls only the dashboard needs, behind the admin token: operations, scenarios, the live journal (sessions: the admin API's own GET /sessions). */
export function dashboardApi(control: QaControl, scenariosDir: string): Router {
  const api = new DashboardApi(control, scenariosDir);
  const router = express.Router();
  router.get('/operations', (_req, res) => {
    res.json(api.operations());
  });
  router.get('/scenarios', async (_req, res) => {
    res.json(await api.scenarios());
  });
  router.get('/events', (req: Request, res: Response) => streamJournal(control.journal, req, res));
  return router;
}
