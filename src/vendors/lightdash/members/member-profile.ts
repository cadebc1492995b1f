import type { LightdashState } from '../lightdash-state.js';
import type { Member } from '../model.js';

/** OrganizationMemberProfile as OrganizationMemberProfileModel.parseRow builds it; `withGroups` adds includeGroups' {uuid, name} list. */
export function memberProfile(state: LightdashState, member: Member, withGroups = false): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    userUuid: member.userUuid,
    email: member.email,
    firstName: member.firstName,
    lastName: member.lastName,
    organizationUuid: member.organizationUuid,
    role: member.role,
    isActive: member.isActive,
    isInviteExpired: member.isInviteExpired ?? false,
    isPending: member.isPending ?? false,
    userCreatedAt: member.userCreatedAt,
    userUpdatedAt: member.userUpdatedAt,
  };
  if (withGroups) profile.groups = state.groupsOfMember(member.userUuid).map((g) => ({ uuid: g.uuid, name: g.name }));
  return profile;
}
