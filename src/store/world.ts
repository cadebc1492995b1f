import type { Faker } from '@faker-js/faker';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
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

// The package index loads every locale (~200 ms of start-up); the English entry loads one. It exports an
// instance, not the class, so new instances come from its constructor with its (en + base) definitions.
const FakerClass = englishFaker.constructor as typeof Faker;

export function seededFaker(seed: number, vendor: string): Faker {
  const faker = new FakerClass({ locale: englishFaker.rawDefinitions });
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
