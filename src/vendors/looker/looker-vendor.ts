import type { VendorModule } from '../../engine/vendor.js';
import { allUserAttributes, createUserAttribute, deleteUserAttribute, updateUserAttribute, userAttribute } from './attribute-handlers.js';
import { login, logout } from './auth-handlers.js';
import { authenticateLooker } from './authenticate.js';
import { formatLookerError } from './format-error.js';
import {
  allUserAttributeGroupValues,
  deleteUserAttributeGroupValue,
  setUserAttributeGroupValues,
  updateUserAttributeGroupValue,
} from './group-value-handlers.js';
import type { LookerState } from './looker-state.js';
import type { LookerPrincipal } from './model.js';
import { allGroups, allUsers, group, me, user } from './people-handlers.js';
import { lookerSecretBodyFields } from './secret-fields.js';
import { seedWorld } from './seed-world.js';
import { exportLookerState, importLookerState } from './state-snapshot.js';
import { deleteUserAttributeUserValue, setUserAttributeUserValue, userAttributeUserValues } from './user-value-handlers.js';

/** Looker API 4.0: login, users, groups and user attributes, mounted at /looker (SDK base_url …/looker). */
export const lookerVendor: VendorModule<LookerState, LookerPrincipal> = {
  name: 'looker',
  specFile: 'looker.oas.yaml',
  fixtureFile: 'looker.yaml',
  createState: seedWorld,
  exportState: exportLookerState,
  importState: importLookerState,
  authenticate: authenticateLooker,
  formatError: formatLookerError,
  secretBodyFields: lookerSecretBodyFields,
  handlers: {
    login,
    logout,
    me,
    user,
    all_users: allUsers,
    all_groups: allGroups,
    group,
    all_user_attributes: allUserAttributes,
    create_user_attribute: createUserAttribute,
    user_attribute: userAttribute,
    update_user_attribute: updateUserAttribute,
    delete_user_attribute: deleteUserAttribute,
    all_user_attribute_group_values: allUserAttributeGroupValues,
    set_user_attribute_group_values: setUserAttributeGroupValues,
    update_user_attribute_group_value: updateUserAttributeGroupValue,
    delete_user_attribute_group_value: deleteUserAttributeGroupValue,
    user_attribute_user_values: userAttributeUserValues,
    set_user_attribute_user_value: setUserAttributeUserValue,
    delete_user_attribute_user_value: deleteUserAttributeUserValue,
  },
};
