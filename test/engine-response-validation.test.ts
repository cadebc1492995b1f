import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { createLogger } from '../src/logger.js';
import { snagVendor } from '../src/vendors/snag/snag-vendor.js';
import { http } from './support/http.js';
import { SNAG } from './support/snag-world.js';

const auth = { 'x-api-key': SNAG.key };

/** Snag with one handler broken on purpose: `hasNextPage` of the wrong type, a required field gone. */
const brokenSnag = {
  ...snagVendor,
  handlers: {
    ...snagVendor.handlers,
    listWebsiteUserAttributes: () => ({ status: 200, body: { data: [{ id: 'x', label: 'no dates' }], hasNextPage: 'no' } }),
  },
};

/** Snag without a handler for listing values: that operation is served from its spec. */
const { listWebsiteUserAttributeValues: _dropped, ...partialHandlers } = snagVendor.handlers;
const specOnlyListing = { ...snagVendor, handlers: partialHandlers };

describe('every response is validated against the spec', () => {
  let mock: RunningMock;
  const errors: unknown[] = [];
  beforeAll(async () => {
    const logger = createLogger('error');
    vi.spyOn(logger, 'error').mockImplementation(((obj: unknown) => void errors.push(obj)) as never);
    mock = await startMock({ port: 0, responseValidation: 'fail', logger, vendors: [brokenSnag] });
  });
  afterAll(() => mock.close());

  it('turns a broken handler\'s answer into a 500 that names the failing paths, and logs it', async () => {
    const res = await http(`${mock.url}/snag/api/website_user_attributes`, { headers: auth });
    expect(res.status).toBe(500);
    expect(res.body.success).toBe(false);
    expect(res.body.message).toContain('/hasNextPage');
    expect(res.body.message).toContain('/data/0/createdAt');
    expect(errors).toHaveLength(1);
    expect(JSON.stringify(errors[0])).toContain('listWebsiteUserAttributes');
  });

  it('in log mode still sends the handler\'s answer but logs the violation', async () => {
    const logged: unknown[] = [];
    const logger = createLogger('error');
    vi.spyOn(logger, 'error').mockImplementation(((obj: unknown) => void logged.push(obj)) as never);
    const lenient = await startMock({ port: 0, responseValidation: 'log', logger, vendors: [brokenSnag] });
    try {
      const res = await http(`${lenient.url}/snag/api/website_user_attributes`, { headers: auth });
      expect(res.status).toBe(200);
      expect(res.body.hasNextPage).toBe('no');
      expect(logged).toHaveLength(1);
    } finally {
      await lenient.close();
    }
  });
});

describe('an operation without a handler', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent', vendors: [specOnlyListing] });
  });
  afterAll(() => mock.close());

  it('is served from its spec, validated like any other', async () => {
    const res = await http(`${mock.url}/snag/api/website_user_attributes/values?userIds=${SNAG.userId}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body.data)).toBe(true);
    expect(typeof res.body.hasNextPage).toBe('boolean');
  });

  it('still validates the request first', async () => {
    const res = await http(`${mock.url}/snag/api/website_user_attributes/values`, { headers: auth });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('userIds');
  });
});

describe('start-up checks', () => {
  it('refuses a handler for an operationId the spec lacks', async () => {
    const typo = { ...snagVendor, handlers: { ...snagVendor.handlers, listWebsiteUserAtributes: snagVendor.handlers.listWebsiteUserAttributes } };
    await expect(startMock({ port: 0, logLevel: 'silent', vendors: [typo] })).rejects.toThrow(/listWebsiteUserAtributes/);
  });
});
