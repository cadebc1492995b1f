import type { LightdashState } from '../lightdash-state.js';
import type { Group } from '../model.js';

/** Group as GroupsModel.getGroup maps its row. */
export function groupSummary(group: Group): Record<string, unknown> {
  const { memberUuids: _members, ...summary } = group;
  return { ...summary };
}

/**
 * GroupWithMembers as GroupsModel.getGroupWithMembers builds it: `members` is the profile query with
 * .limit(includeMembers) and .offset(offset) when given; `memberUuids` always lists every member.
 */
export function groupWithMembers(state: LightdashState, group: Group, limit?: number, offset?: number): Record<string, unknown> {
  const from = offset === undefined ? 0 : Math.max(0, Math.floor(offset));
  const to = limit === undefined ? undefined : from + Math.max(0, Math.floor(limit));
  return { ...groupSummary(group), members: groupMembers(state, group).slice(from, to), memberUuids: [...group.memberUuids] };
}

/** GroupMember rows: the member's uuid, primary email and names. */
export function groupMembers(state: LightdashState, group: Group): Array<Record<string, unknown>> {
  return group.memberUuids.map((uuid) => state.member(uuid)!).map((m) => ({ userUuid: m.userUuid, email: m.email, firstName: m.firstName, lastName: m.lastName }));
}
