import { isMockError, MockError } from '../engine/errors.js';
import type { JsonValue } from '../engine/types.js';
import type { AnyVendorModule } from '../engine/vendor.js';
import { seededFaker, type World } from './world.js';

/** One world as JSON: each vendor's own snapshot under its name. */
export type WorldSnapshot = Record<string, JsonValue>;

/** Every vendor's exportState, keyed by vendor name. */
export function exportWorld(vendors: AnyVendorModule[], world: World): WorldSnapshot {
  const snapshot: WorldSnapshot = {};
  for (const vendor of vendors) snapshot[vendor.name] = vendor.exportState(world.get(vendor.name)!.state);
  return snapshot;
}

/**
 * All or nothing: every named vendor's snapshot is imported before any is used, so one bad vendor leaves the
 * world as it was. Vendors the snapshot does not name keep their current state. New ids come from a Faker
 * seeded with `fakerSeed`, so they do not repeat the ids the imported world was already given from the seed.
 */
export function importWorld(vendors: AnyVendorModule[], current: World, snapshot: unknown, fakerSeed: number): World {
  if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) {
    throw new MockError({ kind: 'validation', message: 'state must be an object keyed by vendor name' });
  }
  const depth = nestingBeyond(snapshot, MAX_SNAPSHOT_DEPTH);
  if (depth) throw new MockError({ kind: 'validation', message: `state nests deeper than ${MAX_SNAPSHOT_DEPTH} levels (at ${depth}); no vendor's records do` });
  const known = new Map(vendors.map((v) => [v.name, v]));
  const unknown = Object.keys(snapshot).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new MockError({ kind: 'validation', message: `unknown vendor ${unknown.join(', ')}; known: ${[...known.keys()].join(', ')}` });
  }
  const next: World = new Map(current);
  for (const [name, vendorSnapshot] of Object.entries(snapshot as Record<string, unknown>)) {
    next.set(name, { state: importVendor(known.get(name)!, vendorSnapshot), faker: seededFaker(fakerSeed, name) });
  }
  return next;
}

/** A world is vendor → list → record → a field or two; anything far deeper is not a world and breaks recursive code. */
export const MAX_SNAPSHOT_DEPTH = 32;

interface Nested {
  value: unknown;
  depth: number;
  key: string;
  parent?: Nested;
}

/** The JSON pointer of the first value nested deeper than `limit`, or undefined; iterative, so any depth is safe. */
function nestingBeyond(root: unknown, limit: number): string | undefined {
  const stack: Nested[] = [{ value: root, depth: 0, key: '' }];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (entry.depth > limit) return pointerOf(entry);
    for (const [key, item] of Object.entries(entry.value as object)) {
      if (typeof item === 'object' && item !== null) stack.push({ value: item, depth: entry.depth + 1, key, parent: entry });
    }
  }
  return undefined;
}

/** Only the first levels: the point is where it goes deep, and the keys are the caller's text. */
function pointerOf(entry: Nested): string {
  const keys: string[] = [];
  for (let at: Nested | undefined = entry; at?.parent; at = at.parent) keys.push(at.key.slice(0, 40));
  return `/${keys.reverse().slice(0, 6).join('/')}/…`;
}

function importVendor(vendor: AnyVendorModule, snapshot: unknown): unknown {
  try {
    return vendor.importState(snapshot) as unknown;
  } catch (error) {
    const message = isMockError(error) ? error.detail.message ?? error.message : (error as Error)?.message ?? String(error);
    // A vendor's snapshot reader may name the vendor itself (it also reads fixtures, where nothing else does);
    // every message should start with the vendor's name exactly once.
    const named = message.startsWith(`${vendor.name}: `) ? message : `${vendor.name}: ${message}`;
    throw new MockError({ kind: 'validation', message: named });
  }
}
