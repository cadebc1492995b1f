import { fetchTarget, redirectLocation } from './send-request.js';

/** `mock`: the fixture's dev credentials; `env`: the environment's, required; `env-or-mock`: either (a URL target). */
export type CredentialSource = 'mock' | 'env' | 'env-or-mock';

/** How one vendor is reached and authenticated, on the mock (its fixture credentials) or for real (environment). */
export interface VendorTarget {
  vendor: string;
  /** Environment variables a real run needs, as the README lists them. */
  env: string[];
  /** The real vendor's base URL from the environment, if it can be known. */
  realBaseUrl(env: NodeJS.ProcessEnv): string | undefined;
  /** Credential variables (visible to suites as `${apiKey}`, `${token}`, `${clientId}`...). */
  credentials(source: CredentialSource, env: NodeJS.ProcessEnv): Record<string, string>;
  /** Headers to add to every step; may log in first. */
  signIn(baseUrl: string, credentials: Record<string, string>): Promise<SignedIn>;
}

export interface SignedIn {
  headers: Record<string, string>;
  /** Extra variables the sign-in produced (e.g. `accessToken`). */
  variables: Record<string, string>;
  /** Ends the session (Looker logout), so a run leaves no live token behind. */
  signOut(): Promise<void>;
}

const noSignOut = async (): Promise<void> => {};

function pick(source: CredentialSource, env: NodeJS.ProcessEnv, name: string, mockValue: string): string {
  const value = env[name];
  if (source !== 'mock' && value) return value;
  if (source === 'env') throw new Error(`set ${name} to run against the real vendor`);
  return mockValue;
}

const snag: VendorTarget = {
  vendor: 'snag',
  env: ['SNAG_API_KEY', 'SNAG_BASE_URL (optional, default https://admin.snagsolutions.io)'],
  realBaseUrl: (env) => env.SNAG_BASE_URL ?? 'https://admin.snagsolutions.io',
  credentials: (source, env) => ({ apiKey: pick(source, env, 'SNAG_API_KEY', 'snag-dev-key') }),
  signIn: async (_base, credentials) => ({ headers: { 'x-api-key': credentials.apiKey! }, variables: {}, signOut: noSignOut }),
};

const lightdash: VendorTarget = {
  vendor: 'lightdash',
  env: ['LIGHTDASH_URL', 'LIGHTDASH_TOKEN'],
  realBaseUrl: (env) => env.LIGHTDASH_URL,
  credentials: (source, env) => ({ token: pick(source, env, 'LIGHTDASH_TOKEN', 'lightdash-dev-token') }),
  signIn: async (_base, credentials) => ({ headers: { authorization: `ApiKey ${credentials.token!}` }, variables: {}, signOut: noSignOut }),
};

const looker: VendorTarget = {
  vendor: 'looker',
  env: ['LOOKER_BASE_URL', 'LOOKER_CLIENT_ID', 'LOOKER_CLIENT_SECRET'],
  realBaseUrl: (env) => env.LOOKER_BASE_URL,
  credentials: (source, env) => ({
    clientId: pick(source, env, 'LOOKER_CLIENT_ID', 'looker-dev-client-id'),
    clientSecret: pick(source, env, 'LOOKER_CLIENT_SECRET', 'looker-dev-client-secret'),
  }),
  signIn: lookerSignIn,
};

/** Looker: POST /login with client credentials (form-encoded, as the SDK sends them) → `Authorization: token X`. */
async function lookerSignIn(baseUrl: string, credentials: Record<string, string>): Promise<SignedIn> {
  const base = baseUrl.replace(/\/$/, '');
  const res = await fetchTarget(`${base}/api/4.0/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: credentials.clientId!, client_secret: credentials.clientSecret! }).toString(),
  });
  const location = redirectLocation(res);
  if (location) throw new Error(`Looker login at ${base} answered ${res.status} redirecting to ${location}; not followed (the client secret would go with it)`);
  const body = (await res.json().catch(() => undefined)) as { access_token?: unknown } | undefined;
  if (res.status !== 200 || typeof body?.access_token !== 'string') throw new Error(`Looker login at ${base} answered ${res.status}`);
  const headers = { authorization: `token ${body.access_token}` };
  const signOut = async (): Promise<void> => {
    await fetchTarget(`${base}/api/4.0/logout`, { method: 'DELETE', headers }).catch(() => undefined);
  };
  return { headers, variables: { accessToken: body.access_token }, signOut };
}

const targets = new Map([snag, lightdash, looker].map((target) => [target.vendor, target]));

/** The vendor's target description; an unknown vendor is a suite error. */
export function vendorTarget(vendor: string): VendorTarget {
  const found = targets.get(vendor);
  if (!found) throw new Error(`no contract target for vendor ${vendor} (known: ${[...targets.keys()].join(', ')})`);
  return found;
}

export const vendorTargetNames = [...targets.keys()];
