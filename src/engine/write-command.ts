import { MockError } from './errors.js';
import type { MockRequest, MockResponse, Operation } from './types.js';
import type { VendorRuntime } from './vendor-runtime.js';
import { fakerPosition, seekFaker, type FakerPosition } from '../store/world.js';
import type { VendorWorld } from '../store/world.js';

/**
 * A write as a deterministic command: what its handler saw, so running the handler again on the same state
 * gives the same state. Authentication is not run again (the principal is recorded): a credential may be gone.
 */
export interface WriteCommand {
  session: string;
  vendor: string;
  operationId: string;
  method: string;
  path: string;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
  principal: unknown;
  /** The clock, in epoch milliseconds; every now() of the handler reads it. */
  at: number;
  /** The world's Faker before the handler drew from it. */
  faker: FakerPosition;
}

/** Taken before the handler runs: a handler may keep the body's objects in its state and change them later. */
export function encodeCommand(session: string, vendor: string, op: Operation, req: MockRequest, params: Record<string, unknown>, query: Record<string, unknown>, body: unknown, principal: unknown, at: number, world: VendorWorld): string {
  const command: WriteCommand = { session, vendor, operationId: op.operationId, method: op.method, path: req.path, params, query, body, principal, at, faker: fakerPosition(world.faker) };
  return JSON.stringify(command);
}

/** Runs a recorded write again; anything but the 2xx it answered first means the log and the state disagree. */
export function replayCommand(runtime: VendorRuntime, world: VendorWorld, command: WriteCommand): MockResponse {
  const op = runtime.spec.operations.find((entry) => entry.op.operationId === command.operationId)?.op;
  const handler = runtime.module.handlers[command.operationId];
  if (!op || !handler) throw new Error(`${command.vendor} has no operation ${command.operationId}`);
  seekFaker(world.faker, command.faker);
  const req: MockRequest = { method: command.method, path: command.path, query: {}, headers: {} };
  const now = () => new Date(command.at);
  let response: MockResponse;
  try {
    response = handler({ req, op, params: command.params, query: command.query, body: command.body, state: world.state, principal: command.principal, faker: world.faker, now, warn: () => undefined });
  } catch (error) {
    const message = error instanceof MockError ? `${error.detail.kind} ${error.detail.message ?? ''}` : (error as Error).message;
    throw new Error(`${command.vendor} ${command.operationId} answered an error on replay (${message})`);
  }
  if (response.status >= 300) throw new Error(`${command.vendor} ${command.operationId} answered ${response.status} on replay`);
  return response;
}
