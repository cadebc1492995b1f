import type { Faker, Randomizer } from '@faker-js/faker';
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
  // A throwaway instance supplies Faker's default generator (its factory is exported only by the package index).
  const counting = new CountingRandomizer((new FakerClass({ locale: englishFaker.rawDefinitions }) as unknown as { _randomizer: Randomizer })._randomizer);
  const faker = new FakerClass({ locale: englishFaker.rawDefinitions, randomizer: counting });
  randomizers.set(faker, counting);
  faker.seed(vendorSeed(seed, vendor));
  return faker;
}

/** Where a world's Faker is: its seed and how many numbers it has drawn since. A write log records it to replay. */
export type FakerPosition = [seed: number, draws: number];

/** Counts draws so a position can be recorded and reached again (Mersenne Twister has no cheaper seek). */
class CountingRandomizer implements Randomizer {
  seedValue = 0;
  draws = 0;

  constructor(private readonly inner: Randomizer) {}

  next(): number {
    this.draws += 1;
    return this.inner.next();
  }

  seed(seed: number | number[]): void {
    this.inner.seed(seed);
    this.seedValue = typeof seed === 'number' ? seed : Number.NaN;
    this.draws = 0;
  }
}

const randomizers = new WeakMap<Faker, CountingRandomizer>();

function randomizerOf(faker: Faker): CountingRandomizer {
  const found = randomizers.get(faker);
  if (!found) throw new Error('a Faker not made by seededFaker has no position');
  return found;
}

export function fakerPosition(faker: Faker): FakerPosition {
  const randomizer = randomizerOf(faker);
  return [randomizer.seedValue, randomizer.draws];
}

/** Puts the Faker where `position` says, re-seeding only when it is past it or on another seed. */
export function seekFaker(faker: Faker, [seed, draws]: FakerPosition): void {
  const randomizer = randomizerOf(faker);
  if (randomizer.seedValue !== seed || randomizer.draws > draws) randomizer.seed(seed);
  while (randomizer.draws < draws) randomizer.next();
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
