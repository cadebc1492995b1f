import type { Faker } from '@faker-js/faker';
import type { SnagOrganization, SnagUser, SnagUserMetadata, SnagWebsite } from '../snag-types.js';

/** A fixture's metadata record: the organization is the user's, and the times and fields may be left out. */
export type FixtureMetadata = Partial<SnagUserMetadata> & Pick<SnagUserMetadata, 'id' | 'userId' | 'websiteId'>;

/** Records of a fixture left undated are from the seeded world's beginning. */
export const SNAG_EPOCH = '2026-01-01T00:00:00.000Z';

/**
 * The fixture's users and metadata, plus `perOrganization` faker-made users for each organization, each with a
 * wallet and metadata in the organization's first website (same seed, same users).
 */
export function seedUsers(
  fixture: { users?: SnagUser[]; userMetadata?: FixtureMetadata[] },
  organizations: SnagOrganization[],
  websites: SnagWebsite[],
  perOrganization: number,
  faker: Faker,
): { users: SnagUser[]; userMetadata: Array<Partial<SnagUserMetadata>> } {
  // New arrays: generated users must not pile up in a fixture that is seeded again.
  const users = [...(fixture.users ?? [])];
  const owners = new Map(users.map((u) => [u.id, u.organizationId]));
  const userMetadata: Array<Partial<SnagUserMetadata>> = (fixture.userMetadata ?? []).map((m) => ({ organizationId: owners.get(m.userId), fields: {}, ...m }));
  for (const org of organizations) {
    const website = websites.find((w) => w.organizationId === org.id);
    for (let i = 0; i < perOrganization; i++) {
      const createdAt = faker.date.past({ years: 1, refDate: SNAG_EPOCH }).toISOString();
      const user: SnagUser = { id: faker.string.uuid(), organizationId: org.id, walletAddress: faker.finance.ethereumAddress(), createdAt, updatedAt: createdAt };
      users.push(user);
      if (!website) continue;
      const fields = { displayName: faker.person.fullName(), emailAddress: faker.internet.email().toLowerCase(), twitterUser: faker.internet.username() };
      userMetadata.push({ id: faker.string.uuid(), userId: user.id, organizationId: org.id, websiteId: website.id, createdAt, updatedAt: createdAt, fields });
    }
  }
  return { users, userMetadata };
}
