import type { Handler } from '../../../engine/vendor.js';
import { lightdashErrors } from '../lightdash-errors.js';
import type { LightdashState } from '../lightdash-state.js';
import type { Group, LightdashPrincipal } from '../model.js';
import { groupMembers, groupWithMembers, groupSummary } from './group-view.js';
import { createGroupBody, updateGroupBody, type MemberRef } from './tsoa-group-bodies.js';

type LightdashHandler = Handler<LightdashState, LightdashPrincipal>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * GroupsModel.getGroup: a miss is NotFoundError; a groupUuid that is not a uuid never gets that far, as
 * Postgres refuses it as input for the uuid column (22P02), which errorHandler answers as a 500.
 */
function existingGroup(state: LightdashState, uuid: unknown): Group {
  const id = String(uuid);
  if (!UUID.test(id)) throw lightdashErrors.unexpected(`invalid input syntax for type uuid: "${id}"`);
  const group = state.group(id);
  if (!group) throw lightdashErrors.notFound('No group found');
  return group;
}

/** CASL on subject('Group', {organizationUuid}): members of the organization view its groups, only its admins change them. */
function requireAbility(principal: LightdashPrincipal, action: 'view' | 'manage', organizationUuid: string): void {
  if (principal.organizationUuid !== organizationUuid || (action === 'manage' && principal.role !== 'admin')) throw lightdashErrors.forbidden();
}

/** GroupsModel.addGroupMembers: only members of the group's organization join; the ones already in are skipped (ON CONFLICT IGNORE). */
function joinable(state: LightdashState, group: Group, refs: readonly MemberRef[]): string[] {
  const out: string[] = [];
  for (const { userUuid } of refs) {
    if (state.member(userUuid)?.organizationUuid === group.organizationUuid && !group.memberUuids.includes(userUuid) && !out.includes(userUuid)) out.push(userUuid);
  }
  return out;
}

function ok(status: number, results?: unknown) {
  return { status, body: results === undefined ? { status: 'ok' } : { status: 'ok', results } };
}

/** The organization's CreateGroupInOrganization and the GroupsController operations, checks in the services' order. */
export const groupHandlers: Record<string, LightdashHandler> = {
  CreateGroupInOrganization: ({ state, principal, body, faker, now }) => {
    const input = createGroupBody(body ?? {});
    if ('errors' in input) throw lightdashErrors.validate(input.errors);
    requireAbility(principal, 'manage', principal.organizationUuid);
    const name = input.name.trim();
    if (state.groupNamed(principal.organizationUuid, name)) throw lightdashErrors.alreadyExists('Group name already exists');
    const at = now().toISOString();
    const group: Group = {
      uuid: faker.string.uuid(),
      organizationUuid: principal.organizationUuid,
      name,
      createdAt: at,
      createdByUserUuid: principal.userUuid,
      updatedAt: at,
      updatedByUserUuid: null,
      memberUuids: [],
    };
    group.memberUuids = joinable(state, group, input.members ?? []);
    state.insertGroup(group);
    return ok(201, groupWithMembers(state, group));
  },

  getGroup: ({ state, principal, params, query }) => {
    const group = existingGroup(state, params.groupUuid);
    requireAbility(principal, 'view', group.organizationUuid);
    const limit = query.includeMembers as number | undefined;
    return ok(200, limit === undefined ? groupSummary(group) : groupWithMembers(state, group, limit, query.offset as number | undefined));
  },

  getGroupMembers: ({ state, principal, params }) => {
    const group = existingGroup(state, params.groupUuid);
    requireAbility(principal, 'view', group.organizationUuid);
    return ok(200, groupMembers(state, group));
  },

  /** GroupsModel.updateGroup: rename and member changes are one transaction, so everything is checked before anything is written. */
  updateGroup: ({ state, principal, params, body, now }) => {
    const update = updateGroupBody(body ?? {});
    if ('errors' in update) throw lightdashErrors.validate(update.errors);
    const group = existingGroup(state, params.groupUuid);
    requireAbility(principal, 'manage', group.organizationUuid);
    const next: Group = { ...group, memberUuids: [...group.memberUuids] };
    if (update.name) {
      const name = update.name.trim();
      if (state.groupNamed(group.organizationUuid, name, group.uuid)) throw lightdashErrors.alreadyExists('Group name already exists');
      Object.assign(next, { name, updatedAt: now().toISOString(), updatedByUserUuid: principal.userUuid });
    }
    if (update.members !== undefined) {
      const wanted = update.members.map((m) => m.userUuid);
      // differenceBy keeps repeats; the insert query finds each org member once, so a repeat fails the count too.
      const toAdd = wanted.filter((uuid) => !group.memberUuids.includes(uuid));
      const valid = new Set(toAdd.filter((uuid) => state.member(uuid)?.organizationUuid === group.organizationUuid));
      if (valid.size !== toAdd.length) throw lightdashErrors.parameter('Some provided user UUIDs are invalid');
      next.memberUuids = [...group.memberUuids.filter((uuid) => wanted.includes(uuid)), ...valid];
    }
    state.replaceGroup(next);
    return ok(200, groupWithMembers(state, next));
  },

  deleteGroup: ({ state, principal, params }) => {
    const group = existingGroup(state, params.groupUuid);
    requireAbility(principal, 'manage', group.organizationUuid);
    state.deleteGroup(group.uuid);
    return ok(200);
  },

  addUserToGroup: ({ state, principal, params }) => {
    const group = existingGroup(state, params.groupUuid);
    requireAbility(principal, 'manage', group.organizationUuid);
    const added = joinable(state, group, [{ userUuid: String(params.userUuid) }]);
    if (added.length === 0) return { status: 204 };
    state.replaceGroup({ ...group, memberUuids: [...group.memberUuids, ...added] });
    return ok(201);
  },

  removeUserFromGroup: ({ state, principal, params }) => {
    const group = existingGroup(state, params.groupUuid);
    requireAbility(principal, 'manage', group.organizationUuid);
    const userUuid = String(params.userUuid);
    if (!group.memberUuids.includes(userUuid)) return { status: 204 };
    state.replaceGroup({ ...group, memberUuids: group.memberUuids.filter((uuid) => uuid !== userUuid) });
    return ok(200);
  },
};
