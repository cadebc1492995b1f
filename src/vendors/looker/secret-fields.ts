import type { Operation } from '../../engine/types.js';
import type { LookerState } from './looker-state.js';

/**
 * A hidden attribute's values are secrets (Looker answers them as null, e.g. a warehouse password), so the
 * journal must not keep them from the writes that set them: the `value` written to a hidden attribute, and the
 * `default_value` of an attribute that is or becomes hidden.
 */
export function lookerSecretBodyFields(ctx: { op: Operation; params: Record<string, unknown>; body: unknown; state: LookerState }): readonly string[] | undefined {
  const { op, params, state } = ctx;
  const body = ctx.body as { value_is_hidden?: unknown } | undefined;
  const hidden = (): boolean => params.user_attribute_id !== undefined && state.attributes.get(String(params.user_attribute_id))?.value_is_hidden === true;
  switch (op.operationId) {
    case 'set_user_attribute_user_value':
    case 'update_user_attribute_group_value':
    case 'set_user_attribute_group_values':
      return hidden() ? ['value'] : undefined;
    case 'create_user_attribute':
    case 'update_user_attribute':
      return body?.value_is_hidden === true || hidden() ? ['default_value'] : undefined;
    default:
      return undefined;
  }
}
