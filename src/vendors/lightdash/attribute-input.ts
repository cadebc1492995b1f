import { lightdashErrors } from './lightdash-errors.js';
import type { LightdashState } from './lightdash-state.js';
import type { AttributeInput } from './model.js';
import { asTsoaList, tsoaCreateUserAttributeErrors } from './tsoa-body-errors.js';

/**
 * Turns a request body into what the model writes, failing as Lightdash fails: TSOA first (422; the spec
 * check cannot see top-level extras because the published schema allows them), keeping only declared
 * properties as TSOA's silently-remove-extras does inside the intersection, and lists as TSOA coerces them.
 */
export function attributeInput(body: unknown): AttributeInput {
  const fields = tsoaCreateUserAttributeErrors(body ?? {});
  if (fields) throw lightdashErrors.validate(fields);
  const raw = body as { name: string; description?: string; attributeDefault: string | null; users: unknown; groups: unknown };
  const users = asTsoaList(raw.users) as Array<{ userUuid: string; value: string }>;
  const groups = asTsoaList(raw.groups) as Array<{ groupUuid: string; value: string }>;
  const input: AttributeInput = {
    name: raw.name,
    attributeDefault: raw.attributeDefault,
    users: users.map((u) => ({ userUuid: u.userUuid, value: u.value })),
    groups: groups.map((g) => ({ groupUuid: g.groupUuid, value: g.value })),
  };
  if (raw.description !== undefined) input.description = raw.description;
  return input;
}

/**
 * The database constraints the insert runs into, checked before anything is written so a failed request
 * changes nothing (upstream it is one transaction): UNIQUE(name, organization_id), the membership foreign
 * key of organization_member_user_attributes, the groups foreign key (any organization's group passes it),
 * and the primary keys that forbid listing a user or group twice.
 */
export function checkConstraints(state: LightdashState, organizationUuid: string, input: AttributeInput, selfUuid?: string): void {
  const holder = state.attributeNamed(organizationUuid, input.name);
  if (holder !== undefined && holder !== selfUuid) throw lightdashErrors.unexpected(`duplicate attribute name ${input.name}`);
  const users = new Set<string>();
  for (const { userUuid } of input.users) {
    if (state.member(userUuid)?.organizationUuid !== organizationUuid) throw lightdashErrors.unexpected(`user ${userUuid} is not a member`);
    if (users.has(userUuid)) throw lightdashErrors.unexpected(`user ${userUuid} listed twice`);
    users.add(userUuid);
  }
  const groups = new Set<string>();
  for (const { groupUuid } of input.groups) {
    if (!state.group(groupUuid)) throw lightdashErrors.unexpected(`unknown group ${groupUuid}`);
    if (groups.has(groupUuid)) throw lightdashErrors.unexpected(`group ${groupUuid} listed twice`);
    groups.add(groupUuid);
  }
}
