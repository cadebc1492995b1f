import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import type { Operation } from '../src/engine/types.js';
import { lookerAuth, restore, send, snapshotOf, watchForCrashes, type WireRequest, type WireResponse } from './support/hardening-harness.js';
import { mutationsFor } from './support/spec-mutations.js';
import { LIGHTDASH, vendorRequests } from './support/vendor-requests.js';
import { SNAG } from './support/snag-world.js';

/**
 * Property-based: for every operation of every vendor, generated valid requests get the documented 2xx (the
 * server runs with responseValidation 'fail', so a body outside the spec would be a 500), and requests broken
 * against the spec get a documented 4xx in the vendor's format, never a crash, and change no state.
 */
const SEED = 20261123;
const VALID_RUNS = 20;
const INVALID_RUNS = 40;
const RULE_RUNS = 25;
// Looker's spec models ~40 operations: on a shared, busy machine a property over all of them outlasts vitest's 30 s.
const PROPERTY_TIMEOUT_MS = 180_000;

let mock: RunningMock;
let watcher: ReturnType<typeof watchForCrashes>;
const baseline = new Map<string, string>();
const auth = new Map<string, Record<string, string>>();

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  watcher = watchForCrashes(mock);
  auth.set('snag', { 'x-api-key': SNAG.key });
  auth.set('lightdash', { authorization: `ApiKey ${LIGHTDASH.token}` });
  auth.set('looker', await lookerAuth(mock));
  // A user without an email login (LOOKER_NEWCOMER), whom create_user_credentials_email can give one.
  expect((await sendAs('looker', { method: 'POST', path: '/api/4.0/users', body: { first_name: 'New', last_name: 'Comer' } })).body.id).toBe('8');
  for (const vendor of mock.engine.vendorNames) baseline.set(vendor, snapshotOf(mock, vendor));
});
afterAll(async () => {
  watcher.stop();
  await mock.close();
});

function sendAs(vendor: string, req: WireRequest): Promise<WireResponse> {
  return send(mock, vendor, { ...req, headers: { ...auth.get(vendor), ...req.headers } });
}

/** Snag and Looker never answer 5xx to a client mistake; Lightdash does, as upstream (UnexpectedServerError). */
function expectRefusedInVendorFormat(vendor: string, op: Operation, res: WireResponse, label: string): void {
  const context = `${op.operationId} ${label}: ${res.status} ${res.text.slice(0, 300)}`;
  const upstream500 = vendor === 'lightdash' && res.status === 500 && res.body?.error?.name === 'UnexpectedServerError' && res.body.error.data?.attrmock === undefined;
  expect(upstream500 || (res.status >= 400 && res.status < 500), context).toBe(true);
  expect(op.documentedStatuses, context).toContain(res.status);
  expect(res.contentType, context).toMatch(/json/);
  if (vendor === 'lightdash') expect(res.body, context).toMatchObject({ status: 'error', error: { statusCode: res.status } });
  else expect(typeof res.body?.message, context).toBe('string');
}

// The operations the vendor's own spec models; Looker's others answer from its full spec alone (looker-unmodelled.test.ts).
const operationsOf = (vendor: string): Operation[] => mock.engine.runtime(vendor).spec.operations.map((entry) => entry.op);

describe.each(['snag', 'lightdash', 'looker'])('%s under generated requests', (vendor) => {
  it('has a valid-request generator for every operation of its spec', () => {
    const missing = operationsOf(vendor).map((op) => op.operationId).filter((id) => !vendorRequests[vendor]![id]);
    expect(missing).toEqual([]);
  });

  it('answers generated valid requests with the documented 2xx and a body the spec allows', async () => {
    for (const op of operationsOf(vendor)) {
      const success = op.documentedStatuses.filter((s) => s < 300);
      await fc.assert(
        fc.asyncProperty(vendorRequests[vendor]![op.operationId]!, async (req) => {
          restore(mock, vendor, baseline.get(vendor)!);
          const res = await sendAs(vendor, req);
          expect(success, `${op.operationId} ${JSON.stringify(req)} → ${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
        }),
        { seed: SEED, numRuns: VALID_RUNS },
      );
    }
    expect(watcher.crashes).toEqual([]);
  }, PROPERTY_TIMEOUT_MS);

  it('refuses requests broken against the spec with a documented 4xx in its format and keeps its state', async () => {
    const components = (mock.engine.runtime(vendor).spec.document.components?.schemas ?? {}) as Record<string, any>;
    let definite = 0;
    for (const op of operationsOf(vendor)) {
      const broken = vendorRequests[vendor]![op.operationId]!.chain((req) => {
        const mutations = mutationsFor(op, req, components);
        return mutations.length === 0 ? fc.constant(undefined) : fc.constantFrom(...mutations).map((m) => ({ m, req: m.apply(req) }));
      });
      await fc.assert(
        fc.asyncProperty(broken, async (picked) => {
          if (!picked) return;
          restore(mock, vendor, baseline.get(vendor)!);
          const before = snapshotOf(mock, vendor);
          const res = await sendAs(vendor, picked.req);
          if (picked.m.definite) definite++;
          if (picked.m.definite || res.status >= 300) {
            expectRefusedInVendorFormat(vendor, op, res, picked.m.label);
            expect(snapshotOf(mock, vendor), `${op.operationId} ${picked.m.label} changed the state`).toBe(before);
          }
        }),
        { seed: SEED, numRuns: INVALID_RUNS },
      );
    }
    expect(definite).toBeGreaterThan(0);
    expect(watcher.crashes).toEqual([]);
  }, PROPERTY_TIMEOUT_MS);

  it('changes nothing when it refuses a request naming an id that does not exist (a rule, not the schema)', async () => {
    const components = (mock.engine.runtime(vendor).spec.document.components?.schemas ?? {}) as Record<string, any>;
    let refusedCount = 0;
    for (const op of operationsOf(vendor)) {
      const unknown = vendorRequests[vendor]![op.operationId]!.chain((req) => {
        const mutations = mutationsFor(op, req, components).filter((m) => m.label.startsWith('unknown id'));
        return mutations.length === 0 ? fc.constant(undefined) : fc.constantFrom(...mutations).map((m) => ({ m, req: m.apply(req) }));
      });
      await fc.assert(
        fc.asyncProperty(unknown, async (picked) => {
          if (!picked) return;
          restore(mock, vendor, baseline.get(vendor)!);
          const before = snapshotOf(mock, vendor);
          const res = await sendAs(vendor, picked.req);
          if (res.status < 300) return;
          refusedCount++;
          expectRefusedInVendorFormat(vendor, op, res, picked.m.label);
          expect(snapshotOf(mock, vendor), `${op.operationId} ${picked.m.label} changed the state`).toBe(before);
        }),
        { seed: SEED, numRuns: RULE_RUNS },
      );
    }
    expect(refusedCount).toBeGreaterThan(0);
    expect(watcher.crashes).toEqual([]);
  }, PROPERTY_TIMEOUT_MS);
});
