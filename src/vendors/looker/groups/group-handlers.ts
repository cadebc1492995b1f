import type { Handler } from '../../../engine/vendor.js';
import { signedIn } from '../authenticate.js';
import { pageRecords, sortRecords } from '../list-query.js';
import { missing, notFound, validationFailed, type FieldError } from '../looker-errors.js';
import type { LookerState } from '../looker-state.js';
import type { LookerGroup, LookerPrincipal } from '../model.js';
import { booleanFilter, combineFilters, idListFilter, likeFilter, type Filter } from '../search-filters.js';
import { serializeGroup } from '../serialize.js';
import { requestedFields, trimFields } from '../trim-fields.js';

type LookerHandler = Handler<LookerState, LookerPrincipal>;

export function findGroup(state: LookerState, id: unknown): LookerGroup {
  const group = state.groups.get(String(id));
  if (!group) throw notFound();
  return group;
}

/** A group's name is required and unique; compared without letter case (the mock's judgement). */
function nameErrors(state: LookerState, name: unknown, current?: LookerGroup): FieldError[] {
  if (name === undefined || name === null || (typeof name === 'string' && name.trim() === '')) return [missing('name')];
  const wanted = String(name).toLowerCase();
  const taken = [...state.groups.values()].some((g) => g.id !== current?.id && g.name.toLowerCase() === wanted);
  return taken ? [{ field: 'name', code: 'already_exists', message: 'Name has already been taken.' }] : [];
}

function groupAnswer(state: LookerState, group: LookerGroup, principal: LookerPrincipal, query: Record<string, unknown>) {
  return { status: 200, body: trimFields(serializeGroup(group, state, signedIn(principal)), requestedFields(query)) };
}

/** GET /groups/search: id (comma list), name and external_group_id (LIKE), the two booleans; sorted and paged. */
export const searchGroups: LookerHandler = ({ state, query, principal }) => {
  const filters: Array<Filter<LookerGroup>> = [];
  if (typeof query.id === 'string') filters.push(idListFilter(query.id, (g) => g.id));
  if (typeof query.name === 'string') filters.push(likeFilter(query.name, (g) => g.name));
  // The mock's groups are all Looker's own: no external id, none managed or orphaned outside it.
  if (typeof query.external_group_id === 'string') filters.push(likeFilter<LookerGroup>(query.external_group_id, () => null));
  if (typeof query.externally_managed === 'boolean') filters.push(booleanFilter(query.externally_managed, () => false));
  if (typeof query.externally_orphaned === 'boolean') filters.push(booleanFilter(query.externally_orphaned, () => false));
  const matches = combineFilters(filters, query.filter_or === true);
  const caller = signedIn(principal);
  const records = [...state.groups.values()].filter(matches).map((g) => serializeGroup(g, state, caller));
  return { status: 200, body: trimFields(pageRecords(sortRecords(records, query.sorts), query), requestedFields(query)) };
};

/** POST /groups (admin only): a name is required and must be free. */
export const createGroup: LookerHandler = ({ state, body, query, principal }) => {
  const fields = (body ?? {}) as Record<string, unknown>;
  const errors = nameErrors(state, fields.name);
  if (errors.length > 0) throw validationFailed(errors);
  const group: LookerGroup = {
    id: state.takeId('group'),
    name: String(fields.name),
    can_add_to_content_metadata: typeof fields.can_add_to_content_metadata === 'boolean' ? fields.can_add_to_content_metadata : true,
    include_by_default: false,
    members: [],
  };
  state.addGroup(group);
  return groupAnswer(state, group, principal, query);
};

/** PATCH /groups/{group_id} (admin only): name and can_add_to_content_metadata, only those sent. */
export const updateGroup: LookerHandler = ({ state, params, body, query, principal }) => {
  const group = findGroup(state, params.group_id);
  const fields = (body ?? {}) as Record<string, unknown>;
  if ('name' in fields) {
    const errors = nameErrors(state, fields.name, group);
    if (errors.length > 0) throw validationFailed(errors);
    group.name = String(fields.name);
  }
  if (typeof fields.can_add_to_content_metadata === 'boolean') group.can_add_to_content_metadata = fields.can_add_to_content_metadata;
  return groupAnswer(state, group, principal, query);
};

/** DELETE /groups/{group_id} (admin only): its members leave it and its user attribute group values go. */
export const deleteGroup: LookerHandler = ({ state, params }) => {
  state.deleteGroup(findGroup(state, params.group_id).id);
  return { status: 204 };
};
