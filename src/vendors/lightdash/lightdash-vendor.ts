import { withCanonicalUuids } from '../../engine/canonical-uuids.js';
import type { VendorModule } from '../../engine/vendor.js';
import { attributeHandlers } from './attribute-handlers.js';
import { authenticateLightdash } from './authenticate.js';
import { createLightdashState } from './create-lightdash-state.js';
import { formatLightdashError } from './format-error.js';
import type { LightdashState } from './lightdash-state.js';
import type { LightdashPrincipal } from './model.js';
import { groupHandlers } from './groups/group-handlers.js';
import { memberHandlers } from './members/member-handlers.js';
import { orgHandlers } from './org-handlers.js';
import { exportLightdashState, importLightdashState } from './state-snapshot.js';

/** Request fields naming Lightdash records: uuids in Postgres, so any letter case names the same one. */
const LIGHTDASH_IDS = new Set(['userAttributeUuid', 'userUuid', 'groupUuid']);

/** Lightdash's user-attribute API (plus the member and group listings it refers to), mounted at /lightdash. */
export const lightdashVendor: VendorModule<LightdashState, LightdashPrincipal> = {
  name: 'lightdash',
  specFile: 'lightdash.oas.yaml',
  fixtureFile: 'lightdash.yaml',
  createState: createLightdashState,
  exportState: exportLightdashState,
  importState: importLightdashState,
  authenticate: authenticateLightdash,
  /**
   * App.ts: express.json({limit: LIGHTDASH_MAX_PAYLOAD, default '5mb'}) and express.urlencoded run app-wide,
   * before authentication; body-parser decodes invalid UTF-8 to U+FFFD, leaves other content types as {} and
   * JSON.parse keeps `__proto__` as an own key (which TSOA's throw-on-extras then refuses at the top level).
   */
  bodyPolicy: { limit: 5 * 1024 * 1024, parseBeforeAuth: true, jsonOnlyByContentType: true, replaceInvalidUtf8: true, protoKeysAsData: true },
  handlers: Object.fromEntries(Object.entries({ ...attributeHandlers, ...orgHandlers, ...memberHandlers, ...groupHandlers }).map(([id, handler]) => [id, withCanonicalUuids(LIGHTDASH_IDS, handler)])),
  formatError: formatLightdashError,
};
