import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';
import { admin } from './support/admin.js';
import { http } from './support/http.js';
import { LOOKER_ADMIN, lookerLogin } from './support/looker-api.js';

let mock: RunningMock;
let api: string;
let auth: Record<string, string>;

beforeAll(async () => {
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  api = `${mock.url}/looker/api/4.0`;
  auth = (await lookerLogin(api, LOOKER_ADMIN)).headers;
});
afterAll(() => mock.close());

describe('looker: operations of the full 4.0 spec the mock does not model', () => {
  it('answers them from the spec, as Prism would, marked not modelled in a header and the journal', async () => {
    const looks = await http(`${api}/looks`, { headers: auth });
    expect(looks.status).toBe(200);
    expect(Array.isArray(looks.body)).toBe(true);
    expect(looks.headers.get('x-attrmock-modelled')).toBe('false');
    const versions = await http(`${api}/versions`, { headers: auth });
    expect(versions.status).toBe(200);
    expect(typeof versions.body).toBe('object');
    const [entry] = (await admin(mock.url, 'GET', '/requests?operationId=versions&limit=1')).body.requests;
    expect(entry).toMatchObject({ operationId: 'versions', status: 200, modelled: false });
  });

  it('leaves modelled operations unmarked', async () => {
    const me = await http(`${api}/user`, { headers: auth });
    expect(me.status).toBe(200);
    expect(me.headers.get('x-attrmock-modelled')).toBeNull();
    const [entry] = (await admin(mock.url, 'GET', '/requests?operationId=me&limit=1')).body.requests;
    expect(entry.modelled).toBeUndefined();
  });

  it('authenticates and validates them first, answering in Looker\'s format', async () => {
    expect(await http(`${api}/looks`)).toMatchObject({ status: 401, body: { message: 'Requires authentication.', documentation_url: 'https://cloud.google.com/looker/docs/r/err/4.0/401/get/looks' } });
    const invalid = await http(`${api}/looks/search?limit=many`, { headers: auth });
    expect(invalid.status).toBe(400);
    expect(invalid.body.message).toMatch(/limit/);
  });

  it('routes a literal path of the full spec before a templated path the mock models', async () => {
    const match = mock.engine.runtime('looker').routes.match('GET', '/api/4.0/users/embed_user');
    expect(match.kind === 'found' ? match.entry.op.operationId : match.kind).not.toBe('user');
    const accounts = mock.engine.runtime('looker').routes.match('POST', '/api/4.0/users/service_accounts');
    expect(accounts.kind === 'found' && accounts.entry.op.operationId).toBe('create_service_account');
  });
});
