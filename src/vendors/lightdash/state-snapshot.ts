import type { JsonValue } from '../../engine/types.js';
import { LightdashState } from './lightdash-state.js';
import { readWorld } from './read-world.js';

/** A JSON snapshot of the world (oldest attribute first), for state files, /__admin/state and sessions. */
export function exportLightdashState(state: LightdashState): JsonValue {
  return state.toData() as unknown as JsonValue;
}

/** The inverse of exportLightdashState; readWorld throws MockError('validation') on anything it cannot trust. */
export function importLightdashState(snapshot: unknown): LightdashState {
  return new LightdashState(readWorld(snapshot));
}
