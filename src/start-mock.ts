import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { QaControl } from './admin/qa-control.js';
import { assembleMock, type MockSetupOptions } from './assemble-mock.js';
import type { Engine } from './engine/create-engine.js';
import { createHttpServer } from './http/create-http-server.js';
import { mockVerification, type MockVerification } from './verify/mock-verification.js';

export { DEFAULT_SEED, type MockSetupOptions } from './assemble-mock.js';
export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';

export interface MockOptions extends MockSetupOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
}

export interface RunningMock extends MockVerification {
  /**
   * e.g. `http://127.0.0.1:4010`; vendors live at `${url}/snag`, `${url}/lightdash`, `${url}/looker`. Bound to all
   * interfaces (`0.0.0.0`, `::`), it is the loopback URL of the same family, which a client on this machine can reach.
   */
  url: string;
  port: number;
  /** The address the server is bound to, as the OS reports it (`0.0.0.0` for all IPv4 interfaces). */
  address: string;
  /** True when bound to every interface (`0.0.0.0`, `::`), not to one address. */
  allInterfaces: boolean;
  engine: Engine;
  control: QaControl;
  /** Restores the seeded world, with no fault rules and an empty journal (of one session, or all). */
  reset(session?: string): void;
  /** Resolves once every change is in the state file (at once without one). */
  flush(): Promise<void>;
  /** Stops listening and flushes the state file. */
  close(): Promise<void>;
}

/**
 * Starts attrmock in-process, e.g. in a vitest `beforeAll`:
 * `const mock = await startMock({ port: 0 }); fetch(`${mock.url}/snag/api/website_user_attributes`)`.
 */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const { engine, control, admin, logger, bodyLimit, saver } = await assembleMock(options);
  const httpServer = createHttpServer(engine, { logger, bodyLimit, control, admin, adminToken: options.adminToken, cors: options.cors });
  const host = options.host ?? DEFAULT_HOST;
  const server = await listen(httpServer, options.port ?? DEFAULT_PORT, host);
  const { address, port, family } = server.address() as AddressInfo;
  if (!isLoopback(address) && options.adminToken === undefined) logger.warn({ host, address }, 'listening beyond loopback with an unprotected admin API; set --admin-token');
  const allInterfaces = address === '0.0.0.0' || address === '::';
  // A client cannot connect to "every interface"; loopback of the same family is where one on this machine can.
  const urlHost = allInterfaces ? (family === 'IPv6' ? '[::1]' : '127.0.0.1') : family === 'IPv6' ? `[${address.replace('%', '%25')}]` : address;
  const url = `http://${urlHost}:${port}`;
  return {
    ...mockVerification(() => control, () => url),
    url,
    port,
    address,
    allInterfaces,
    engine,
    control,
    reset: (session) => control.reset(session),
    flush: async () => saver?.flush(),
    close: async () => {
      await closeServer(server);
      await saver?.flush();
    },
  };
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

function listen(server: Server, port: number, host: string): Promise<Server> {
  server.keepAliveTimeout = 65_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
