import { withCanonicalUuids } from '../../engine/canonical-uuids.js';
import type { VendorModule } from '../../engine/vendor.js';
import { createWebsiteUserAttributes, deleteWebsiteUserAttribute, listWebsiteUserAttributes } from './snag-attribute-handlers.js';
import { authenticateSnag } from './snag-auth.js';
import { formatSnagError } from './snag-errors.js';
import { checkSnagSnapshot, snapshotFromFixture } from './snag-snapshot.js';
import { SnagState } from './snag-state.js';
import type { SnagPrincipal } from './snag-types.js';
import { createWebsiteUserAttributeValues, listWebsiteUserAttributeValues } from './snag-value-handlers.js';
import { connectUser, disconnectUser } from './users/connect-handlers.js';
import { createUserMetadata, listUserMetadatas } from './users/metadata-handlers.js';
import { countUsers, listUsers } from './users/user-handlers.js';

/** The request fields that name Snag records: uuids in Postgres, so any letter case names the same one. */
const SNAG_IDS = new Set(['id', 'body_id', 'websiteUserAttributeId', 'userId', 'userIds', 'websiteId', 'organizationId', 'startingAfter']);

/** Snag Solutions: website user attributes and their values, users and their metadata, behind X-API-KEY. */
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
    listWebsiteUserAttributes: withCanonicalUuids(SNAG_IDS, listWebsiteUserAttributes),
    createWebsiteUserAttributes: withCanonicalUuids(SNAG_IDS, createWebsiteUserAttributes),
    deleteWebsiteUserAttribute: withCanonicalUuids(SNAG_IDS, deleteWebsiteUserAttribute),
    listWebsiteUserAttributeValues: withCanonicalUuids(SNAG_IDS, listWebsiteUserAttributeValues),
    createWebsiteUserAttributeValues: withCanonicalUuids(SNAG_IDS, createWebsiteUserAttributeValues),
    listUsers: withCanonicalUuids(SNAG_IDS, listUsers),
    countUsers: withCanonicalUuids(SNAG_IDS, countUsers),
    createUserMetadata: withCanonicalUuids(SNAG_IDS, createUserMetadata),
    listUserMetadatas: withCanonicalUuids(SNAG_IDS, listUserMetadatas),
    connectUser: withCanonicalUuids(SNAG_IDS, connectUser),
    disconnectUser: withCanonicalUuids(SNAG_IDS, disconnectUser),
  },
};
