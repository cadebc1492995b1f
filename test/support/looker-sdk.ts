import type { IApiSection, IApiSettings } from '@looker/sdk-rtl';
import type { Looker40SDK } from '@looker/sdk';
import { LookerNodeSDK, NodeSettings } from '@looker/sdk-node';

/** The official SDK, configured with nothing but the mock's base URL and the default API3 key. */
class MockLookerSettings extends NodeSettings {
  constructor(baseUrl: string) {
    super('', { base_url: baseUrl, verify_ssl: false, timeout: 30 } as IApiSettings);
  }

  override readConfig(): IApiSection {
    return { base_url: this.base_url, client_id: 'looker-dev-client-id', client_secret: 'looker-dev-client-secret' };
  }
}

/** `lookerSdk(`${mock.url}/looker`)`: a Looker40SDK logged in on first call as user 1, the admin. */
export function lookerSdk(baseUrl: string): Looker40SDK {
  return LookerNodeSDK.init40(new MockLookerSettings(baseUrl));
}
