import http from 'node:http';
import { readBareArgs } from './bare-routes.js';

/** The limit: node:http answering each route with a fixed body, no framework, no parsing, no validation. */
const { port, routes } = readBareArgs(process.argv);
const answers = new Map(routes.map((r) => [`${r.method} ${r.path}`, { status: r.status, body: Buffer.from(r.body) }]));

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const answer = answers.get(`${req.method} ${path}`);
  if (!answer) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(answer.body.length) });
  res.end(answer.body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
