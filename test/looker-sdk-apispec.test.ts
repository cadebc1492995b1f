// sdk-codegen's own integration tests, written for a real Looker (looker-open-source/sdk-codegen,
// packages/sdk-node/test/sdk.apispec.ts at c2bf549b: "sudo", "User CRUD-it checks", "User searches"), ported line
// by line: node:test's before/after become vitest's beforeAll/afterAll, `expect` comes from vitest, and the test
// users are test/data.yml's. The SDK is configured as those tests configure it, from LOOKERSDK_* variables.
import type { ILooker40SDK, IUser } from '@looker/sdk';
import { DelimArray } from '@looker/sdk-rtl';
import { LookerNodeSDK } from '@looker/sdk-node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMock, type RunningMock } from '../src/index.js';

/** sdk-codegen test/data.yml `users`. */
const users: Partial<IUser>[] = [
  { first_name: 'Lloyd', last_name: 'Llookicorn' },
  { first_name: 'Zachary', last_name: 'Zoomify' },
  { first_name: 'Balthazar', last_name: 'Bombastic' },
  { first_name: 'Aaron', last_name: 'Aardvark' },
  { first_name: 'Amanda', last_name: 'Aardvark' },
];
const emailDomain = '@foo.com';

let mock: RunningMock;
beforeAll(async () => {
  // sdk-rtl 26.12 logs "AbortSignal.timeout is not defined" on every call without a cancel signal (a misplaced else).
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  mock = await startMock({ port: 0, responseValidation: 'fail', logLevel: 'silent' });
  process.env.LOOKERSDK_BASE_URL = `${mock.url}/looker`;
  process.env.LOOKERSDK_CLIENT_ID = 'looker-dev-client-id';
  process.env.LOOKERSDK_CLIENT_SECRET = 'looker-dev-client-secret';
  process.env.LOOKERSDK_VERIFY_SSL = 'false';
});
afterAll(() => mock.close());

let sdk: ILooker40SDK;

describe('LookerNodeSDK integration tests', () => {
  beforeEach(() => {
    sdk = LookerNodeSDK.init40();
  });

  afterEach(async () => {
    await sdk.authSession.logout();
  });

  const createTestUsers = async () => {
    // Ensure all test users are populated and enabled
    let user: IUser;
    // create test users
    for (const u of users) {
      let searched = await sdk.ok(sdk.search_users({ first_name: u.first_name, last_name: u.last_name }));
      if (searched.length === 0) {
        // Look for disabled user
        searched = await sdk.ok(sdk.search_users({ first_name: u.first_name, is_disabled: true, last_name: u.last_name }));
        for (const user of searched) {
          // enable user if found
          await sdk.ok(sdk.update_user(user.id!, { is_disabled: false }));
        }
      }
      if (searched.length === 0) {
        // create missing user record
        user = await sdk.ok(sdk.create_user({ first_name: u.first_name, is_disabled: false, last_name: u.last_name, locale: 'en' }));
      } else {
        user = searched[0]!;
      }
      if (!user.credentials_email) {
        // Ensure email credentials are created
        const email = `${u.first_name}.${u.last_name}${emailDomain}`.toLocaleLowerCase();
        await sdk.ok(sdk.create_user_credentials_email(user.id!, { email }));
        user = await sdk.ok(sdk.user(user.id!));
      }
    }
  };

  const removeTestUsers = async () => {
    // Clean up any test users that may exist
    for (const u of users) {
      let searched = await sdk.ok(sdk.search_users({ first_name: u.first_name, last_name: u.last_name }));
      if (searched.length === 0) {
        searched = await sdk.ok(sdk.search_users({ first_name: u.first_name, is_disabled: true, last_name: u.last_name }));
      }
      if (searched.length > 0) {
        for (const user of searched) {
          await sdk.ok(sdk.delete_user(user.id!));
        }
      }
    }
  };

  describe('sudo', () => {
    it('login/logout', async () => {
      const all = await sdk.ok(sdk.all_users({ fields: 'id,is_disabled' }));
      const apiUser = await sdk.ok(sdk.me());

      // find users who are not the API user
      const others = all.filter((u) => u.id !== apiUser.id && !u.is_disabled).slice(0, 2);
      expect(others.length).toEqual(2);
      if (others.length > 1) {
        // pick two other active users for `sudo` tests
        const [sudoA, sudoB] = others as [IUser, IUser];
        // get auth support for login()
        const auth = sdk.authSession;

        // login as sudoA
        await auth.login(sudoA.id!.toString());
        let sudo = await sdk.ok(sdk.me()); // `me` returns `sudoA` user
        expect(sudo.id).toEqual(sudoA.id);

        // login as sudoB directly from sudoA
        await auth.login(sudoB.id);
        sudo = await sdk.ok(sdk.me()); // `me` returns `sudoB` user
        expect(sudo.id).toEqual(sudoB.id);

        // logging out sudo resets to API user
        await auth.logout();
        let user = await sdk.ok(sdk.me()); // `me` returns `apiUser` user
        expect(sdk.authSession.isAuthenticated()).toEqual(true);
        expect(user).toEqual(apiUser);

        // login as sudoA again to test plain `login()` later
        await auth.login(sudoA.id);
        sudo = await sdk.ok(sdk.me());
        expect(sudo.id).toEqual(sudoA.id);

        // login() without a sudo ID logs in the API user
        await auth.login();
        user = await sdk.ok(sdk.me()); // `me` returns `apiUser` user
        expect(sdk.authSession.isAuthenticated()).toEqual(true);
        expect(user.id).toEqual(apiUser.id);
      }
      await sdk.authSession.logout();
      expect(sdk.authSession.isAuthenticated()).toEqual(false);
    });
  });

  describe('User CRUD-it checks', () => {
    beforeAll(async () => {
      await removeTestUsers();
    });

    afterAll(async () => {
      await removeTestUsers();
    });

    it('create, update, and delete user', async () => {
      for (const u of users) {
        let user = await sdk.ok(sdk.create_user({ first_name: u.first_name, is_disabled: false, last_name: u.last_name, locale: 'fr' }));
        expect(user).toBeDefined();
        expect(user.first_name).toEqual(u.first_name);
        expect(user.last_name).toEqual(u.last_name);
        expect(user.is_disabled).toEqual(false);
        expect(user.locale).toEqual('fr');
        const actual = await sdk.ok(sdk.update_user(user.id!, { is_disabled: true, locale: 'en' }));
        expect(actual.is_disabled).toEqual(true);
        expect(actual.locale).toEqual('en');
        // Ensure update *only* updates what it's supposed to
        expect(actual.last_name).toEqual(user.last_name);
        expect(actual.first_name).toEqual(user.first_name);
        user = await sdk.ok(sdk.update_user(user.id!, { is_disabled: false, locale: 'en' }));
        expect(user.is_disabled).toEqual(false);
        const email = `${u.first_name}.${u.last_name}${emailDomain}`.toLocaleLowerCase();
        const creds = await sdk.ok(sdk.create_user_credentials_email(user.id!, { email: email }));
        expect(creds.email).toEqual(email);
        const result = await sdk.ok(sdk.delete_user(user.id!));
        expect(result).toEqual('');
      }
    });
  });

  describe('User searches', () => {
    beforeAll(async () => {
      await removeTestUsers();
      await createTestUsers();
    });

    it('bad search returns no results', async () => {
      const actual = await sdk.ok(sdk.search_users({ first_name: 'Bad', last_name: 'News' }));
      expect(actual.length).toEqual(0);
    });

    it('matches email domain', async () => {
      const actual = await sdk.ok(sdk.search_users_names({ pattern: `%${emailDomain}` }));
      expect(actual.length).toEqual(users.length);
    });

    it('csv user id list aka DelimArray', async () => {
      const searched = await sdk.ok(sdk.search_users_names({ pattern: `%${emailDomain}` }));
      expect(searched.length).toEqual(users.length);
      const ids = new DelimArray<string>(searched.map((u) => u.id!));
      const all = await sdk.ok(sdk.all_users({ ids }));
      expect(all.length).toEqual(users.length);
    });

    it('matches email domain and returns sorted', async () => {
      const lastFirst = users.sort((a: Partial<IUser>, b: Partial<IUser>) =>
        `${a.last_name} ${a.first_name}`.localeCompare(`${b.last_name} ${b.first_name}`),
      );
      const firstLast = users.sort((a: Partial<IUser>, b: Partial<IUser>) =>
        `${a.first_name} ${a.last_name}`.localeCompare(`${b.first_name} ${b.last_name}`),
      );
      let actual = await sdk.ok(sdk.search_users_names({ pattern: `%${emailDomain}`, sorts: 'last_name,first_name' }));
      expect(actual.length).toEqual(users.length);
      for (let i = 0; i < users.length; i++) {
        expect(actual[i]!.first_name).toEqual(lastFirst[i]!.first_name);
        expect(actual[i]!.last_name).toEqual(lastFirst[i]!.last_name);
      }
      actual = await sdk.ok(sdk.search_users_names({ pattern: `%${emailDomain}`, sorts: 'first_name,last_name' }));
      expect(actual.length).toEqual(users.length);
      for (let i = 0; i < users.length; i++) {
        expect(actual[i]!.first_name).toEqual(firstLast[i]!.first_name);
        expect(actual[i]!.last_name).toEqual(firstLast[i]!.last_name);
      }
    });
  });
});
