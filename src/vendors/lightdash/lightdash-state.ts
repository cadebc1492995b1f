import { constantTimeFind } from '../../engine/constant-time-equals.js';
import type { AttributeInput, Group, LightdashWorldData, Member, Organization, StoredAttribute, Token } from './model.js';

/**
 * The Lightdash world with the indexes its handlers need, so no lookup scans: members and groups by uuid and
 * by organization, attributes by uuid, by organization (in creation order) and by (organization, name), the
 * database's unique key.
 */
export class LightdashState {
  private readonly organizations = new Map<string, Organization>();
  private readonly members = new Map<string, Member>();
  private readonly membersByOrg = new Map<string, Member[]>();
  private readonly groups = new Map<string, Group>();
  private readonly groupsByOrg = new Map<string, Group[]>();
  private readonly groupsByMember = new Map<string, Group[]>();
  private readonly attributes = new Map<string, StoredAttribute>();
  /** Insertion-ordered sets: creation order, which the list reverses. */
  private readonly attributesByOrg = new Map<string, Set<string>>();
  private readonly attributeNames = new Map<string, string>();
  private readonly tokens = new Map<string, string>();

  constructor(data: LightdashWorldData) {
    for (const org of data.organizations) this.organizations.set(org.organizationUuid, org);
    for (const member of data.members) {
      this.members.set(member.userUuid, member);
      pushTo(this.membersByOrg, member.organizationUuid, member);
    }
    for (const group of data.groups) this.insertGroup(group);
    for (const attribute of data.attributes) this.insertAttribute(attribute);
    for (const token of data.tokens) this.tokens.set(token.token, token.userUuid);
  }

  /** Compares against every token in constant time (tokens come from the fixture: a handful). */
  memberForToken(token: string): Member | undefined {
    const userUuid = constantTimeFind(token, this.tokens);
    return userUuid === undefined ? undefined : this.members.get(userUuid);
  }

  member(userUuid: string): Member | undefined {
    return this.members.get(userUuid);
  }

  membersOf(organizationUuid: string): readonly Member[] {
    return this.membersByOrg.get(organizationUuid) ?? [];
  }

  group(uuid: string): Group | undefined {
    return this.groups.get(uuid);
  }

  groupsOf(organizationUuid: string): readonly Group[] {
    return this.groupsByOrg.get(organizationUuid) ?? [];
  }

  groupsOfMember(userUuid: string): readonly Group[] {
    return this.groupsByMember.get(userUuid) ?? [];
  }

  /** The member of an organization with that primary email (an exact match, as Postgres `=` compares). */
  memberWithEmail(organizationUuid: string, email: string): Member | undefined {
    return this.membersOf(organizationUuid).find((m) => m.email === email);
  }

  /** The group holding a name in an organization (the groups table's unique (organization_id, name) key). */
  groupNamed(organizationUuid: string, name: string, exceptUuid?: string): Group | undefined {
    return this.groupsOf(organizationUuid).find((g) => g.name === name && g.uuid !== exceptUuid);
  }

  insertGroup(group: Group): void {
    this.groups.set(group.uuid, group);
    pushTo(this.groupsByOrg, group.organizationUuid, group);
    for (const userUuid of group.memberUuids) pushTo(this.groupsByMember, userUuid, group);
  }

  /** Replaces a group's record (name, audit columns, member set) and keeps the member index in step. */
  replaceGroup(next: Group): void {
    const current = this.groups.get(next.uuid)!;
    for (const userUuid of current.memberUuids) removeFrom(this.groupsByMember, userUuid, current);
    this.groups.set(next.uuid, next);
    const siblings = this.groupsByOrg.get(next.organizationUuid)!;
    siblings[siblings.indexOf(current)] = next;
    for (const userUuid of next.memberUuids) pushTo(this.groupsByMember, userUuid, next);
  }

  /**
   * Deletes a group with what references it, as the foreign keys cascade: its memberships and every
   * attribute's value for it (group_user_attributes.group_uuid ON DELETE CASCADE).
   */
  deleteGroup(uuid: string): void {
    const current = this.groups.get(uuid);
    if (!current) return;
    for (const userUuid of current.memberUuids) removeFrom(this.groupsByMember, userUuid, current);
    removeFrom(this.groupsByOrg, current.organizationUuid, current);
    this.groups.delete(uuid);
    for (const [attributeUuid, attribute] of this.attributes) {
      if (attribute.groups.some((g) => g.groupUuid === uuid)) {
        this.attributes.set(attributeUuid, { ...attribute, groups: attribute.groups.filter((g) => g.groupUuid !== uuid) });
      }
    }
  }

  attribute(uuid: string): StoredAttribute | undefined {
    return this.attributes.get(uuid);
  }

  /** Newest first, as Lightdash orders by created_at DESC (later inserts win ties). */
  attributesOf(organizationUuid: string): StoredAttribute[] {
    const uuids = [...(this.attributesByOrg.get(organizationUuid) ?? [])].reverse();
    const list = uuids.map((uuid) => this.attributes.get(uuid)!);
    return list.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  /** The uuid of the attribute holding a name in an organization (the UNIQUE(name, organization_id) key). */
  attributeNamed(organizationUuid: string, name: string): string | undefined {
    return this.attributeNames.get(nameKey(organizationUuid, name));
  }

  insertAttribute(attribute: StoredAttribute): void {
    this.attributes.set(attribute.uuid, attribute);
    let set = this.attributesByOrg.get(attribute.organizationUuid);
    if (!set) this.attributesByOrg.set(attribute.organizationUuid, (set = new Set()));
    set.add(attribute.uuid);
    this.attributeNames.set(nameKey(attribute.organizationUuid, attribute.name), attribute.uuid);
  }

  /**
   * UserAttributesModel.update: every column the input defines replaces the stored one; a column it leaves
   * undefined keeps its value, as knex drops undefined values from an UPDATE. uuid, organization and createdAt stay.
   */
  updateAttribute(uuid: string, input: AttributeInput): StoredAttribute {
    const current = this.attributes.get(uuid)!;
    this.attributeNames.delete(nameKey(current.organizationUuid, current.name));
    const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
    const next: StoredAttribute = { ...current, ...defined, uuid, organizationUuid: current.organizationUuid, createdAt: current.createdAt };
    this.attributes.set(uuid, next);
    this.attributeNames.set(nameKey(next.organizationUuid, next.name), uuid);
    return next;
  }

  deleteAttribute(uuid: string): void {
    const current = this.attributes.get(uuid);
    if (!current) return;
    this.attributes.delete(uuid);
    this.attributesByOrg.get(current.organizationUuid)?.delete(uuid);
    this.attributeNames.delete(nameKey(current.organizationUuid, current.name));
  }

  /** Plain data, oldest attribute first, for export and sessions. */
  toData(): LightdashWorldData {
    const attributes = [...this.attributesByOrg.values()].flatMap((set) => [...set].map((uuid) => this.attributes.get(uuid)!));
    return structuredClone({
      organizations: [...this.organizations.values()],
      members: [...this.members.values()],
      groups: [...this.groups.values()],
      attributes,
      tokens: [...this.tokens].map(([token, userUuid]): Token => ({ token, userUuid })),
    });
  }
}

function nameKey(organizationUuid: string, name: string): string {
  return `${organizationUuid}\u0000${name}`;
}

function removeFrom<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  const at = list?.indexOf(value) ?? -1;
  if (at >= 0) list!.splice(at, 1);
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
