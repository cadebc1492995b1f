import { MockError } from '../../engine/errors.js';
import type { SnagHandler } from './snag-handler.js';
import { paginate } from './paginate.js';
import { resolveScope } from './snag-scope.js';
import type { SnagAttribute } from './snag-types.js';

export const DEFAULT_LIMIT = 10;

export const listWebsiteUserAttributes: SnagHandler = ({ query, state, principal }) => {
  const scope = resolveScope(principal, query);
  const inWebsite = [...state.attributes.values()].filter((a) => a.websiteId === scope.websiteId && a.deletedAt === null);
  const page = paginate(inWebsite, (query.limit as number | undefined) ?? DEFAULT_LIMIT, query.startingAfter as string | undefined);
  return { status: 200, body: page };
};

interface CreateAttributesBody {
  data: Array<{ id?: string; label: string }>;
  organizationId?: string;
  websiteId?: string;
}

/** Batch create; an item whose id already exists in the website has its label updated (Snag's upsert by id). */
export const createWebsiteUserAttributes: SnagHandler = ({ body, state, principal, faker, now }) => {
  const input = body as CreateAttributesBody;
  const scope = resolveScope(principal, input);
  input.data.forEach((item, i) => {
    const existing = item.id === undefined ? undefined : state.attributes.get(item.id);
    if (existing && existing.websiteId !== scope.websiteId) {
      throw new MockError({ kind: 'conflict', message: `data[${i}].id ${item.id} is already used by another website's attribute` });
    }
  });
  const at = now().toISOString();
  const written = input.data.map((item): SnagAttribute => {
    const existing = item.id === undefined ? undefined : state.attributes.get(item.id);
    const attribute: SnagAttribute = existing
      ? { ...existing, label: item.label, updatedAt: at }
      : { id: item.id ?? faker.string.uuid(), ...scope, label: item.label, createdAt: at, updatedAt: at, deletedAt: null };
    state.attributes.set(attribute.id, attribute);
    return attribute;
  });
  return { status: 200, body: { data: written } };
};

interface DeleteAttributeBody {
  id?: string;
  body_id?: string;
  organizationId?: string;
  websiteId?: string;
}

/** Accepts the body's `id` (GitHub SDK) or `body_id` (npm SDK 0.1.0-alpha.212); either must match the path. */
export const deleteWebsiteUserAttribute: SnagHandler = ({ params, body, state, principal }) => {
  const input = (body ?? {}) as DeleteAttributeBody;
  const id = params.id as string;
  for (const field of ['id', 'body_id'] as const) {
    if (input[field] !== undefined && input[field] !== id) {
      throw new MockError({ kind: 'validation', message: `${field} ${input[field]} does not match the id in the path (${id})` });
    }
  }
  const scope = resolveScope(principal, input);
  const attribute = state.attributes.get(id);
  if (!attribute || attribute.websiteId !== scope.websiteId || attribute.deletedAt !== null) {
    throw new MockError({ kind: 'not_found', message: `Website user attribute not found: ${id}` });
  }
  state.deleteAttribute(id);
  return { status: 200, body: { message: 'Website user attribute deleted successfully' } };
};
