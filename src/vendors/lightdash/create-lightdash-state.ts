import type { Faker } from '@faker-js/faker';
import { LightdashState } from './lightdash-state.js';
import type { LightdashWorldData, Member } from './model.js';
import { readWorld } from './read-world.js';

/** Generated people are dated from a fixed point so the same seed gives byte-identical worlds. */
const GENERATED_FROM = new Date('2024-01-01T00:00:00.000Z');

/** Builds the seeded world: the fixture's named entities plus `generated.membersPerOrganization` faker-made viewers. */
export function createLightdashState(fixtures: unknown, faker: Faker): LightdashState {
  const world = readWorld(fixtures);
  const count = generatedCount(fixtures);
  if (count > 0) world.members.push(...generateMembers(world, count, faker));
  return new LightdashState(world);
}

function generatedCount(fixtures: unknown): number {
  const generated = (fixtures as { generated?: { membersPerOrganization?: unknown } } | null)?.generated;
  const count = generated?.membersPerOrganization;
  return typeof count === 'number' && Number.isInteger(count) && count > 0 ? count : 0;
}

function generateMembers(world: LightdashWorldData, count: number, faker: Faker): Member[] {
  const taken = new Set(world.members.map((m) => m.email));
  const out: Member[] = [];
  for (const org of world.organizations) {
    for (let i = 0; i < count; i++) {
      const firstName = faker.person.firstName();
      const lastName = faker.person.lastName();
      let email = faker.internet.email({ firstName, lastName }).toLowerCase();
      while (taken.has(email)) email = `${faker.string.alphanumeric(4).toLowerCase()}.${email}`;
      taken.add(email);
      const created = faker.date.between({ from: GENERATED_FROM, to: new Date(GENERATED_FROM.getTime() + 90 * 864e5) }).toISOString();
      out.push({
        userUuid: faker.string.uuid(),
        organizationUuid: org.organizationUuid,
        email,
        firstName,
        lastName,
        role: 'viewer',
        isActive: true,
        isPending: false,
        isInviteExpired: false,
        userCreatedAt: created,
        userUpdatedAt: created,
      });
    }
  }
  return out;
}
