import type { AuthContext } from '../../engine/vendor.js';
import { lightdashErrors } from './lightdash-errors.js';
import type { LightdashState } from './lightdash-state.js';
import type { LightdashPrincipal } from './model.js';

const PREFIX = 'ApiKey ';

/**
 * allowApiKeyAuthentication + isAuthenticated: passport-headerapikey reads `Authorization: ApiKey <token>`.
 * No header, or another scheme, fails in passport (plain-text 401); a token that is not a personal access
 * token fails in the verify callback (JSON AuthorizationError). Roles are checked later, in the services.
 */
export function authenticateLightdash({ req, state }: AuthContext<LightdashState>): LightdashPrincipal {
  const header = req.headers.authorization;
  if (!header || !header.startsWith(PREFIX) || header.length === PREFIX.length) throw lightdashErrors.missingApiKey();
  const member = state.memberForToken(header.slice(PREFIX.length));
  if (!member) throw lightdashErrors.unknownToken();
  return { userUuid: member.userUuid, organizationUuid: member.organizationUuid, role: member.role };
}
