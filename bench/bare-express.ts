import express from 'express';
import { readBareArgs } from './bare-routes.js';

/**
 * A bare Express 5 app answering each route with a fixed body: the framework's own cost and nothing else
 * (no body parser, no validation). ETag and X-Powered-By are off, as in attrmock, so the bytes match.
 */
const { port, routes } = readBareArgs(process.argv);
const app = express();
app.disable('x-powered-by');
app.disable('etag');
for (const route of routes) {
  const body = Buffer.from(route.body);
  const method = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
  app[method](route.path, (_req, res) => {
    res.status(route.status).type('application/json').send(body);
  });
}
const server = app.listen(port, '127.0.0.1');
server.keepAliveTimeout = 65_000;
process.once('SIGTERM', () => server.close(() => process.exit(0)));
