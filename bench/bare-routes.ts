import { readFileSync } from 'node:fs';

/** A canned answer: the status and body attrmock gave for the same request, so sizes match byte for byte. */
export interface BareRoute {
  method: string;
  path: string;
  status: number;
  body: string;
}

/** `node bare-*.js PORT ROUTES.json`: the routes file is written by the bench from attrmock's own answers. */
export function readBareArgs(argv: string[]): { port: number; routes: BareRoute[] } {
  const [port, file] = argv.slice(2);
  if (!port || !file) throw new Error('usage: bare-server PORT ROUTES.json');
  return { port: Number(port), routes: JSON.parse(readFileSync(file, 'utf8')) as BareRoute[] };
}
