import type { VendorModule } from '../../engine/vendor.js';
import { allUserAttributes, createUserAttribute, deleteUserAttribute, updateUserAttribute, userAttribute } from './attribute-handlers.js';
import { addGroupUser, allGroupUsers, deleteGroupUser } from './groups/membership-handlers.js';
import { createGroup, deleteGroup, searchGroups, updateGroup } from './groups/group-handlers.js';
import { allRoles, setUserRoles, userRoles } from './roles/role-handlers.js';
import { login, logout } from './sessions/auth-handlers.js';
import { loginUser } from './sessions/login-user.js';
import {
  createUserCredentialsEmail,
  deleteUserCredentialsEmail,
  updateUserCredentialsEmail,
  userCredentialsEmail,
} from './users/credentials-email-handlers.js';
import { searchUsers, searchUsersNames } from './users/search-users.js';
import { userForCredential } from './users/user-for-credential.js';
import { createUser, deleteUser, updateUser } from './users/user-handlers.js';
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

/** Looker API 4.0: login and sudo, users and their email logins, roles, groups and user attributes, mounted at /looker (SDK base_url …/looker). */
export const lookerVendor: VendorModule<LookerState, LookerPrincipal> = {
  name: 'looker',
  specFile: 'looker.oas.yaml',
  // Looker's complete API 4.0 spec (sdk-codegen spec/Looker.4.0.oas.json, 4.0.26.12): the ~450 operations
  // looker.oas.yaml does not model answer from it alone, so an integration calling all_looks meets a spec-shaped
  // answer rather than a 404.
  unmodelledSpec: {
    file: 'looker-full.oas.json.gz',
    pathPrefix: '/api/4.0',
    // As in looker.oas.yaml: the server answers 401 to a missing or dead token, though no upstream operation says so.
    addResponses: { 401: { description: 'Requires authentication (real behaviour, not declared upstream)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
  },
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
    login_user: loginUser,
    me,
    user,
    all_users: allUsers,
    search_users: searchUsers,
    search_users_names: searchUsersNames,
    create_user: createUser,
    update_user: updateUser,
    delete_user: deleteUser,
    user_for_credential: userForCredential,
    create_user_credentials_email: createUserCredentialsEmail,
    user_credentials_email: userCredentialsEmail,
    update_user_credentials_email: updateUserCredentialsEmail,
    delete_user_credentials_email: deleteUserCredentialsEmail,
    all_roles: allRoles,
    user_roles: userRoles,
    set_user_roles: setUserRoles,
    all_groups: allGroups,
    group,
    search_groups: searchGroups,
    create_group: createGroup,
    update_group: updateGroup,
    delete_group: deleteGroup,
    all_group_users: allGroupUsers,
    add_group_user: addGroupUser,
    delete_group_user: deleteGroupUser,
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
