import { describe, expect, it } from 'vitest';
import { withCanonicalUuids } from '../src/engine/canonical-uuids.js';
import type { HandlerContext } from '../src/engine/vendor.js';

type Ctx = HandlerContext<unknown, unknown>;
const UPPER = 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE';
const lower = UPPER.toLowerCase();

/** Runs the wrapper and gives back the context its handler saw. */
function seen(ctx: Partial<Ctx>): Ctx {
  let got: Ctx | undefined;
  withCanonicalUuids(new Set(['id', 'userIds']), (c) => {
    got = c;
    return { status: 200 };
  })(ctx as Ctx);
  return got!;
}

describe('withCanonicalUuids', () => {
  it('lower-cases uuids in the named fields at any depth, in path, query and body', () => {
    const ctx = seen({ params: { id: UPPER }, query: { userIds: [UPPER, lower] }, body: { data: [{ id: UPPER, value: UPPER }], note: UPPER } });
    expect(seen({ params: {}, query: {}, body: [[{ id: UPPER }]] }).body).toEqual([[{ id: lower }]]);
    expect(ctx.params).toEqual({ id: lower });
    expect(ctx.query).toEqual({ userIds: [lower, lower] });
    expect(ctx.body).toEqual({ data: [{ id: lower, value: UPPER }], note: UPPER });
  });

  it('leaves what is not a uuid as sent, and copies nothing when nothing changes', () => {
    const body = { data: [{ id: 'NOT-A-UUID', value: 'x' }], id: lower };
    const ctx = { params: { id: lower }, query: {}, body } as unknown as Ctx;
    expect(seen(ctx)).toBe(ctx);
    expect(seen({ params: {}, query: {}, body: { id: 'ABC' } }).body).toEqual({ id: 'ABC' });
  });
});
