import type { VendorModule } from '../../engine/vendor.js';
import { createWebsiteUserAttributes, deleteWebsiteUserAttribute, listWebsiteUserAttributes } from './snag-attribute-handlers.js';
import { authenticateSnag } from './snag-auth.js';
import { withCanonicalIds } from './canonical-ids.js';
import { formatSnagError } from './snag-errors.js';
import { checkSnagSnapshot, snapshotFromFixture } from './snag-snapshot.js';
import { SnagState } from './snag-state.js';
import type { SnagPrincipal } from './snag-types.js';
import { createWebsiteUserAttributeValues, listWebsiteUserAttributeValues } from './snag-value-handlers.js';

/** Snag Solutions: website user attributes and their values, behind X-API-KEY. */
export const snagVendor: VendorModule<SnagState, SnagPrincipal> = {
  name: 'snag',
  specFile: 'snag.oas.yaml',
  fixtureFile: 'snag.yaml',
  // The fixture source hands each world a fresh parse, so the state may keep its objects.
  createState: (fixtures, faker) => SnagState.adopt(snapshotFromFixture(fixtures, faker)),
  exportState: (state) => state.toSnapshot() as unknown as ReturnType<VendorModule['exportState']>,
  importState: (snapshot) => SnagState.fromSnapshot(checkSnagSnapshot(snapshot)),
  // https://docs.snagsolutions.io/api-reference/rate-limits: 250 requests per second per API key.
  documentedRateLimit: 250,
  authenticate: authenticateSnag,
  formatError: formatSnagError,
  handlers: {
    listWebsiteUserAttributes: withCanonicalIds(listWebsiteUserAttributes),
    createWebsiteUserAttributes: withCanonicalIds(createWebsiteUserAttributes),
    deleteWebsiteUserAttribute: withCanonicalIds(deleteWebsiteUserAttribute),
    listWebsiteUserAttributeValues: withCanonicalIds(listWebsiteUserAttributeValues),
    createWebsiteUserAttributeValues: withCanonicalIds(createWebsiteUserAttributeValues),
  },
};
