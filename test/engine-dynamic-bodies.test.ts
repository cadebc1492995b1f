import { Faker, en } from '@faker-js/faker';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFromSchema } from '../src/engine/generate-from-schema.js';
import { startMock, type RunningMock } from '../src/index.js';
import { http } from './support/http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const schema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    userUuid: { type: 'string' },
    groupIds: { type: 'array', items: { type: 'string' } },
    email: { type: 'string' },
    contact: { type: 'string', format: 'email' },
    status: { type: 'string', enum: ['active', 'disabled'] },
    type: { type: 'string', description: 'Type of user attribute ("string", "number", "datetime", "yesno")' },
    page: { type: 'number' },
    totalResults: { type: 'number' },
    createdAt: { type: 'string' },
    ratio: { type: 'number', minimum: 0, maximum: 1 },
  },
};

function generate(seed: number): Record<string, unknown> {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  return generateFromSchema(schema, faker, (s) => s) as Record<string, unknown>;
}

describe('Prefer: dynamic=true bodies', () => {
  it('read like data: emails, uuids for ids, enum and listed members, whole pages and totals, ISO times', () => {
    const body = generate(4010);
    expect(body.id).toMatch(UUID);
    expect(body.userUuid).toMatch(UUID);
    for (const id of body.groupIds as string[]) expect(id).toMatch(UUID);
    expect(body.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(body.contact).toMatch(/@/);
    expect(['active', 'disabled']).toContain(body.status);
    expect(['string', 'number', 'datetime', 'yesno']).toContain(body.type);
    expect(Number.isInteger(body.page)).toBe(true);
    expect(Number.isInteger(body.totalResults)).toBe(true);
    expect(new Date(body.createdAt as string).toISOString()).toBe(body.createdAt);
    const validate = new Ajv({ strict: false });
    addFormats.default(validate);
    expect(validate.validate(schema, body)).toBe(true);
  });

  it('are the same for the same seed', () => {
    expect(generate(7)).toEqual(generate(7));
    expect(generate(7)).not.toEqual(generate(8));
  });
});

describe('dynamic bodies from the servers', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, logLevel: 'silent', responseValidation: 'fail' });
  });
  afterAll(() => mock.close());

  it("give a Looker attribute a type Looker has, and uuids for Lightdash's ids", async () => {
    const login = await http(`${mock.url}/looker/api/4.0/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret' });
    const looker = await http(`${mock.url}/looker/api/4.0/user_attributes`, { headers: { authorization: `token ${login.body.access_token}`, prefer: 'dynamic=true' } });
    expect(looker.status).toBe(200);
    for (const attribute of looker.body) expect(['string', 'number', 'datetime', 'yesno', 'zipcode', 'advanced_filter_string', 'advanced_filter_number']).toContain(attribute.type);
    const lightdash = await http(`${mock.url}/lightdash/api/v1/org/attributes`, { headers: { authorization: 'ApiKey lightdash-dev-token', prefer: 'dynamic=true' } });
    expect(lightdash.status).toBe(200);
    for (const attribute of lightdash.body.results) expect(attribute.uuid).toMatch(UUID);
  });
});
