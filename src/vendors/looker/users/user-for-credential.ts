import type { Handler } from '../../../engine/vendor.js';
import { notFound } from '../looker-errors.js';
import type { LookerState } from '../looker-state.js';
import type { LookerPrincipal, LookerUser } from '../model.js';
import { serializeUser } from '../serialize.js';
import { requestedFields, trimFields } from '../trim-fields.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

/** The credential types the mock's users can hold; any other type (embed, saml, ...) finds no one. */
const FINDERS: Record<string, (state: LookerState, id: string) => LookerUser | undefined> = {
  email: (state, id) => [...state.users.values()].find((u) => u.email?.toLowerCase() === id.toLowerCase()),
  api3: (state, id) => {
    const credential = state.credentials.get(id);
    return credential ? state.users.get(credential.user_id) : undefined;
  },
};

/** GET /users/credential/{credential_type}/{credential_id} (admin only): `email` takes the address, `api3` the client_id. */
export const userForCredential: LookerHandler = ({ state, params, query }) => {
  const find = FINDERS[String(params.credential_type)];
  const user = find?.(state, String(params.credential_id));
  if (!user) throw notFound();
  return { status: 200, body: trimFields(serializeUser(user, state), requestedFields(query)) };
};
