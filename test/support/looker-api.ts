import { expect } from 'vitest';
import { http } from './http.js';

/** fixtures/looker.yaml: user 1 (role 2, Admin) and user 2, the analyst (role 3). */
export const LOOKER_ADMIN = 'client_id=looker-dev-client-id&client_secret=looker-dev-client-secret';
export const LOOKER_ANALYST = 'client_id=looker-analyst-client-id&client_secret=looker-analyst-client-secret';

/** `https://cloud.google.com/looker/docs/r/err/4.0/404/get/users/:user_id`, as Looker links its errors. */
export const lookerDocs = (status: number, route: string) => `https://cloud.google.com/looker/docs/r/err/4.0/${status}/${route}`;
export const lookerNotFound = (route: string) => ({ message: 'Not found', documentation_url: lookerDocs(404, route) });

export type LookerCaller = ReturnType<typeof lookerCaller>;

/** Requests to `api` (…/looker/api/4.0) with `Authorization: token <token>`. */
export function lookerCaller(api: string, token: string) {
  const headers = { authorization: `token ${token}` };
  return {
    token,
    headers,
    get: (p: string) => http(`${api}${p}`, { headers }),
    send: (method: string, p: string, json?: unknown) => http(`${api}${p}`, { method, headers, json }),
    remove: (p: string) => http(`${api}${p}`, { method: 'DELETE', headers }),
  };
}

/** Logs in with form-encoded client credentials, as the SDK does. */
export async function lookerLogin(api: string, credentials: string): Promise<LookerCaller> {
  const res = await http(`${api}/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: credentials });
  expect(res.status).toBe(200);
  return lookerCaller(api, res.body.access_token as string);
}
