import { Faker, base, en } from '@faker-js/faker';
import type { FixtureSource } from '../engine/fixture-source.js';
import type { AnyVendorModule } from '../engine/vendor.js';

/** One vendor's slice of a world: its state and the seeded Faker its handlers draw new ids and data from. */
export interface VendorWorld {
  state: unknown;
  faker: Faker;
}

export type World = Map<string, VendorWorld>;

/** Each vendor gets its own seed stream, so adding a vendor never shifts another vendor's generated ids. */
export function vendorSeed(seed: number, vendor: string): number {
  let hash = seed >>> 0;
  for (const char of vendor) hash = (Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0);
  return hash;
}

export function seededFaker(seed: number, vendor: string): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(vendorSeed(seed, vendor));
  return faker;
}

/** Builds the seeded world: the same seed and fixtures give the same world on every machine. */
export function createWorld(vendors: AnyVendorModule[], fixtures: Map<string, FixtureSource>, seed: number): World {
  const world: World = new Map();
  for (const vendor of vendors) {
    const faker = seededFaker(seed, vendor.name);
    const state: unknown = vendor.createState(fixtures.get(vendor.name)?.(), faker);
    world.set(vendor.name, { state, faker });
  }
  return world;
}
