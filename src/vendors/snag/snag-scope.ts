import { MockError } from '../../engine/errors.js';
import type { SnagPrincipal } from './snag-types.js';

export interface SnagScope {
  organizationId: string;
  websiteId: string;
}

/** The website a request acts on: the one it names, or the key's own; a key may act only on its own. */
export function resolveScope(principal: SnagPrincipal, named: { organizationId?: unknown; websiteId?: unknown }): SnagScope {
  const organizationId = typeof named.organizationId === 'string' ? named.organizationId : principal.organizationId;
  const websiteId = typeof named.websiteId === 'string' ? named.websiteId : principal.websiteId;
  if (organizationId !== principal.organizationId || websiteId !== principal.websiteId) {
    throw new MockError({ kind: 'forbidden', message: 'Forbidden, API key has no access to this website or organization' });
  }
  return { organizationId, websiteId };
}
