/** The Lightdash world as attrmock stores it: plain records, indexed by LightdashState. */

export const ORGANIZATION_ROLES = ['member', 'viewer', 'interactive_viewer', 'editor', 'developer', 'admin'] as const;
export type OrganizationRole = (typeof ORGANIZATION_ROLES)[number];

export interface Organization {
  organizationUuid: string;
  name: string;
}

/** One user's membership; each Lightdash user belongs to exactly one organization. */
export interface Member {
  userUuid: string;
  organizationUuid: string;
  email: string;
  firstName: string;
  lastName: string;
  role: OrganizationRole;
  isActive: boolean;
  isPending?: boolean;
  isInviteExpired?: boolean;
  userCreatedAt: string;
  userUpdatedAt: string;
}

export interface Group {
  uuid: string;
  organizationUuid: string;
  name: string;
  createdAt: string;
  createdByUserUuid: string | null;
  updatedAt: string;
  updatedByUserUuid: string | null;
  memberUuids: string[];
}

export interface AttributeValue {
  value: string;
}
export interface UserValue extends AttributeValue {
  userUuid: string;
}
export interface GroupValue extends AttributeValue {
  groupUuid: string;
}

/** What a create or a full-replace update writes. */
export interface AttributeInput {
  name: string;
  description?: string;
  attributeDefault: string | null;
  users: UserValue[];
  groups: GroupValue[];
}

export interface StoredAttribute extends AttributeInput {
  uuid: string;
  organizationUuid: string;
  createdAt: string;
}

export interface Token {
  token: string;
  userUuid: string;
}

/** The whole world as plain data: the fixture shape, and the snapshot shape of export/import. */
export interface LightdashWorldData {
  organizations: Organization[];
  members: Member[];
  groups: Group[];
  /** Oldest first. */
  attributes: StoredAttribute[];
  tokens: Token[];
}

/** Who is calling: the member a personal access token belongs to. */
export interface LightdashPrincipal {
  userUuid: string;
  organizationUuid: string;
  role: OrganizationRole;
}
