/**
 * lightdash/lightdash packages/api-tests/helpers/api-client.ts and helpers/auth.ts, with only the auth adapted:
 * upstream logs in with a session cookie (POST /api/v1/login), the mock takes personal access tokens, so each
 * client sends `Authorization: ApiKey <token>` instead of cookies. Everything else (JSON in, failOnStatusCode,
 * `{ok, status, body}` out) is as upstream, so the ported tests read line for line like theirs.
 */
export type Body<T> = { status: string; results: T };

type RequestOptions = {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  failOnStatusCode?: boolean;
};

type ApiResponse<T = unknown> = { ok: boolean; status: number; body: T };

export class ApiClient {
  constructor(
    private readonly siteUrl: string,
    private readonly token: string,
  ) {}

  async request<T = unknown>(urlOrPath: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
    const { method = 'GET', body, headers = {}, failOnStatusCode = true } = options;
    const url = urlOrPath.startsWith('http') ? urlOrPath : `${this.siteUrl}${urlOrPath.startsWith('/') ? '' : '/'}${urlOrPath}`;
    const resp = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `ApiKey ${this.token}`, ...headers },
      body: body != null ? JSON.stringify(body) : undefined,
      redirect: 'manual',
    });
    const contentType = resp.headers.get('content-type') ?? '';
    const respBody = (contentType.includes('application/json') ? await resp.json() : await resp.text()) as T;
    if (failOnStatusCode && !resp.ok) throw new Error(`Request ${method} ${url} failed with status ${resp.status}: ${JSON.stringify(respBody)}`);
    return { ok: resp.ok, status: resp.status, body: respBody };
  }

  get<T = unknown>(url: string, options?: Omit<RequestOptions, 'method'>) {
    return this.request<T>(url, { ...options, method: 'GET' });
  }

  post<T = unknown>(url: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) {
    return this.request<T>(url, { ...options, method: 'POST', body });
  }

  patch<T = unknown>(url: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) {
    return this.request<T>(url, { ...options, method: 'PATCH', body });
  }

  put<T = unknown>(url: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>) {
    return this.request<T>(url, { ...options, method: 'PUT', body });
  }

  delete<T = unknown>(url: string, options?: Omit<RequestOptions, 'method'>) {
    return this.request<T>(url, { ...options, method: 'DELETE' });
  }
}

/** @lightdash/common's seed constants the ported tests use, as fixtures/lightdash.yaml seeds them. */
export const SEED_ORG_1_ADMIN = { user_uuid: 'b264d83a-9000-426a-85ec-3f9c20f368ce' };
export const SEED_ORG_2_ADMIN = { user_uuid: '57cd4548-cbe3-42b3-aa13-97821713e307' };
export const SEED_GROUP = { groupUuid: '9d615ede-5758-4954-9fb9-2a07fc415ba5', name: 'Org 1 Group' };

/** helpers/auth.ts login() (SEED_ORG_1_ADMIN) and anotherLogin() (SEED_ORG_2_ADMIN), by token. */
export function lightdashLogins(siteUrl: string) {
  return {
    login: async () => new ApiClient(siteUrl, 'lightdash-dev-token'),
    anotherLogin: async () => new ApiClient(siteUrl, 'lightdash-another-token'),
  };
}
