import type { LookerState } from './looker-state.js';
import type { LookerAttribute } from './model.js';
import { canSetValue } from './permissions.js';

export type ValueSource = 'user' | 'group' | 'default';

/** One step of an attribute's search path for one user. */
export interface ResolvedValue {
  attribute: LookerAttribute;
  value: string | null;
  source: ValueSource | null;
  rank: number | null;
}

/**
 * The search path of one attribute for one user, in Looker's order: the user's own value, then the values
 * of the groups the user belongs to (lowest rank first), then the attribute's default. The first entry is
 * the value that applies; `user_attribute_user_values?all_values=true` shows them all.
 */
export function searchPath(state: LookerState, userId: string, attribute: LookerAttribute): ResolvedValue[] {
  const path: ResolvedValue[] = [];
  const own = state.userValue(attribute.id, userId);
  if (own !== undefined) path.push({ attribute, value: own, source: 'user', rank: null });
  for (const groupValue of state.groupValues(attribute.id)) {
    if (state.isMember(groupValue.group_id, userId)) {
      path.push({ attribute, value: groupValue.value, source: 'group', rank: groupValue.rank });
    }
  }
  if (attribute.default_value !== null) path.push({ attribute, value: attribute.default_value, source: 'default', rank: null });
  return path;
}

export interface ResolveOptions {
  /** Only these attributes (unknown ids are passed over); all when empty or absent. */
  attributeIds?: string[];
  allValues?: boolean;
  includeUnset?: boolean;
}

/** The values of a user's attributes as `user_attribute_user_values` returns them, before serialising. */
export function resolveUserValues(state: LookerState, userId: string, options: ResolveOptions): ResolvedValue[] {
  const out: ResolvedValue[] = [];
  for (const attribute of selectAttributes(state, options.attributeIds)) {
    const path = searchPath(state, userId, attribute);
    if (path.length === 0) {
      if (options.includeUnset) out.push({ attribute, value: null, source: null, rank: null });
      continue;
    }
    out.push(...(options.allValues ? path : path.slice(0, 1)));
  }
  return out;
}

function selectAttributes(state: LookerState, ids: string[] | undefined): LookerAttribute[] {
  if (!ids || ids.length === 0) return [...state.attributes.values()];
  const seen = new Set<string>();
  const out: LookerAttribute[] = [];
  for (const id of ids) {
    const attribute = state.attributes.get(id.trim());
    if (attribute && !seen.has(attribute.id)) {
      seen.add(attribute.id);
      out.push(attribute);
    }
  }
  return out;
}

/**
 * The UserAttributeWithValue shape; hidden values come back blank (null) with value_is_hidden set. `can.set_value`
 * is the caller's: a non-admin only ever reads their own values, which they may set when the attribute lets them.
 */
export function serializeResolved(resolved: ResolvedValue, userId: string, admin: boolean): Record<string, unknown> {
  const { attribute } = resolved;
  return {
    can: { set_value: canSetValue(attribute, admin) },
    name: attribute.name,
    label: attribute.label,
    rank: resolved.rank,
    value: attribute.value_is_hidden ? null : resolved.value,
    user_id: userId,
    user_can_edit: attribute.user_can_edit,
    value_is_hidden: attribute.value_is_hidden,
    user_attribute_id: attribute.id,
    source: resolved.source,
    hidden_value_domain_whitelist: attribute.hidden_value_domain_whitelist,
  };
}
