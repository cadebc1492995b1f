import { MockError } from '../../engine/errors.js';
import type { SnagHandler } from './snag-handler.js';
import { paginate } from './paginate.js';
import { DEFAULT_LIMIT } from './snag-attribute-handlers.js';
import { resolveScope, type SnagScope } from './snag-scope.js';
import type { SnagState } from './snag-state.js';
import type { SnagValue } from './snag-types.js';

interface ValueItem {
  id?: string;
  websiteUserAttributeId: string;
  userId: string;
  value: string;
}

export const listWebsiteUserAttributeValues: SnagHandler = ({ query, state, principal }) => {
  const scope = resolveScope(principal, query);
  const values = state.valuesOfUsers(query.userIds as string[]).filter((v) => v.websiteId === scope.websiteId);
  const page = paginate(values, (query.limit as number | undefined) ?? DEFAULT_LIMIT, query.startingAfter as string | undefined);
  return { status: 200, body: { data: page.data.map(asListItem), hasNextPage: page.hasNextPage } };
};

/**
 * Upsert on (websiteUserAttributeId, userId), applied in order. Every item is checked first, so a batch
 * with one bad item writes nothing.
 */
export const createWebsiteUserAttributeValues: SnagHandler = ({ body, state, principal, faker, now }) => {
  const input = body as { data: ValueItem[]; organizationId: string; websiteId: string };
  const scope = resolveScope(principal, input);
  const batch = new BatchView(state);
  input.data.forEach((item, i) => {
    checkItem(state, scope, batch, item, i);
    batch.apply(item);
  });
  const at = now().toISOString();
  const written = input.data.map((item) => {
    const existing = (item.id !== undefined ? state.values.get(item.id) : undefined) ?? state.valueFor(item.websiteUserAttributeId, item.userId);
    const value: SnagValue = existing
      ? { ...existing, value: item.value, updatedAt: at }
      : { id: item.id ?? faker.string.uuid(), ...scope, websiteUserAttributeId: item.websiteUserAttributeId, userId: item.userId, value: item.value, createdAt: at, updatedAt: at };
    state.putValue(value);
    return value;
  });
  return { status: 200, body: written.map(asCreated) };
};

function checkItem(state: SnagState, scope: SnagScope, batch: BatchView, item: ValueItem, i: number): void {
  const attribute = state.attributes.get(item.websiteUserAttributeId);
  if (!attribute || attribute.websiteId !== scope.websiteId || attribute.deletedAt !== null) {
    throw new MockError({ kind: 'not_found', message: `data[${i}].websiteUserAttributeId ${item.websiteUserAttributeId}: website user attribute not found` });
  }
  const user = state.users.get(item.userId);
  if (!user || user.organizationId !== scope.organizationId) {
    throw new MockError({ kind: 'not_found', message: `data[${i}].userId ${item.userId}: user not found` });
  }
  if (item.id === undefined) return;
  const owner = batch.pairOf(item.id);
  const pair = pairKey(item.websiteUserAttributeId, item.userId);
  if ((owner !== undefined && owner !== pair) || (owner === undefined && batch.holds(item))) {
    throw new MockError({ kind: 'conflict', message: `data[${i}].id ${item.id} does not belong to this attribute and user` });
  }
}

const pairKey = (attributeId: string, userId: string): string => `${attributeId} ${userId}`;

/**
 * The store as a batch's earlier items will have left it: items apply in order, so an id one item gives a
 * new value is taken for the items after it, exactly as if they came in separate requests.
 */
class BatchView {
  /** (attribute, user) pairs the batch writes before the item at hand. */
  private readonly written = new Set<string>();
  private readonly pairOfId = new Map<string, string>();

  constructor(private readonly state: SnagState) {}

  /** The (attribute, user) pair that value id belongs to, if any. */
  pairOf(id: string): string | undefined {
    const stored = this.state.values.get(id);
    return this.pairOfId.get(id) ?? (stored && pairKey(stored.websiteUserAttributeId, stored.userId));
  }

  /** Whether the item's pair has a value by now. */
  holds(item: ValueItem): boolean {
    return this.written.has(pairKey(item.websiteUserAttributeId, item.userId)) || this.state.valueFor(item.websiteUserAttributeId, item.userId) !== undefined;
  }

  apply(item: ValueItem): void {
    const pair = pairKey(item.websiteUserAttributeId, item.userId);
    if (item.id !== undefined && !this.holds(item)) this.pairOfId.set(item.id, pair);
    this.written.add(pair);
  }
}

function asCreated(v: SnagValue): Record<string, string> {
  return { id: v.id, websiteId: v.websiteId, organizationId: v.organizationId, createdAt: v.createdAt, updatedAt: v.updatedAt, websiteUserAttributeId: v.websiteUserAttributeId, value: v.value, userId: v.userId };
}

/** The list endpoint names the attribute `customFieldId`, as the SDK's types say. */
function asListItem(v: SnagValue): Record<string, string> {
  return { id: v.id, websiteId: v.websiteId, organizationId: v.organizationId, customFieldId: v.websiteUserAttributeId, userId: v.userId, value: v.value, createdAt: v.createdAt, updatedAt: v.updatedAt };
}
