import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express5 from 'express';
// @ts-expect-error express 4, installed as the alias express4, has no types of its own
import express4 from 'express4';

/** The two Express majors a user's app may be on; both expose the same app API the tests use. */
export const EXPRESS_VERSIONS = { 'Express 5': express5, 'Express 4': express4 as typeof express5 } as const;

export interface RunningApp {
  /** e.g. http://127.0.0.1:51234 */
  url: string;
  close(): Promise<void>;
}

/** Listens on a free loopback port with an app `build` set up. */
export async function listenApp(app: (req: any, res: any) => void): Promise<RunningApp> {
  const { createServer } = await import('node:http');
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** An app of one Express major with only `mounts` (path → middleware) and a 404 of its own, listening. */
export function listenAppWith(version: keyof typeof EXPRESS_VERSIONS, mounts: Record<string, (req: any, res: any, next: any) => void>): Promise<RunningApp> {
  const app = EXPRESS_VERSIONS[version]();
  for (const [at, middleware] of Object.entries(mounts)) app.use(at, middleware);
  app.use((_req, res) => {
    res.status(404).json({ app: '404 of the app' });
  });
  return listenApp(app);
}
