import { notFound } from '../looker-errors.js';
import type { LookerState } from '../looker-state.js';
import type { LookerPrincipal, LookerUser } from '../model.js';
import { maySeeFullUser } from '../permissions.js';
import { serializePublicUser, serializeUser } from '../serialize.js';

/** Looker's system attributes that mirror a user's own fields; their values follow the user. */
const MIRRORED: Record<string, (user: LookerUser) => string | null> = {
  email: (user) => user.email,
  first_name: (user) => user.first_name,
  last_name: (user) => user.last_name,
};

export function findUser(state: LookerState, id: unknown): LookerUser {
  const user = state.users.get(String(id));
  if (!user) throw notFound();
  return user;
}

/** The full record for an admin or the user themself, Looker's public variant for anyone else. */
export function userAsSeenBy(state: LookerState, user: LookerUser, principal: LookerPrincipal): Record<string, unknown> {
  return maySeeFullUser(principal, user.id) ? serializeUser(user, state) : serializePublicUser(user);
}

/** Keeps the system attributes `email`, `first_name`, `last_name` equal to the user's fields, as Looker does. */
export function syncSystemValues(state: LookerState, user: LookerUser): void {
  for (const [name, read] of Object.entries(MIRRORED)) {
    const attributeId = state.attributeIdByName(name);
    if (attributeId === undefined || !state.attributes.get(attributeId)?.is_system) continue;
    const value = read(user);
    if (value === null || value === '') state.deleteUserValue(attributeId, user.id);
    else state.setUserValue(attributeId, user.id, value);
  }
}
