import type { ApiCredential, GroupValue, LookerAttribute, LookerGroup, LookerRole, LookerSettings, LookerUser } from './model.js';
import { RateLimiter } from '../../engine/rate-limiter.js';
import { TokenStore } from './token-store.js';

export type IdKind = 'user_attribute' | 'group_value' | 'user' | 'group';

/**
 * The Looker world: people, attributes, their values and the login sessions. Every lookup goes through a
 * Map so that a million stored values cost nothing per request; handlers check before they call a mutator.
 */
export class LookerState {
  readonly users = new Map<string, LookerUser>();
  readonly groups = new Map<string, LookerGroup>();
  readonly attributes = new Map<string, LookerAttribute>();
  readonly roles = new Map<string, LookerRole>();
  /** client_id → API3 credential. */
  readonly credentials = new Map<string, ApiCredential>();
  readonly tokens = new TokenStore();
  readonly rateLimiter = new RateLimiter();
  readonly nextIds: Record<IdKind, number> = { user_attribute: 1, group_value: 1, user: 1, group: 1 };

  private readonly memberSets = new Map<string, Set<string>>();
  private readonly groupsOfUser = new Map<string, string[]>();
  private readonly attributeByName = new Map<string, string>();
  private readonly attributeByLabel = new Map<string, string>();
  /** attribute id → user id → value. */
  private readonly userValues = new Map<string, Map<string, string>>();
  /** attribute id → group values, sorted by rank (lowest wins). */
  private readonly groupValueLists = new Map<string, GroupValue[]>();

  constructor(readonly settings: LookerSettings) {}

  addUser(user: LookerUser): void {
    this.users.set(user.id, user);
    if (!this.groupsOfUser.has(user.id)) this.groupsOfUser.set(user.id, []);
    this.reserveId('user', user.id);
  }

  /** Deletes a user with everything that hangs on them: memberships, attribute values, API keys and tokens. */
  deleteUser(userId: string): void {
    for (const groupId of [...this.groupIdsOf(userId)]) this.removeMember(groupId, userId);
    for (const values of this.userValues.values()) values.delete(userId);
    for (const [clientId, credential] of this.credentials) if (credential.user_id === userId) this.credentials.delete(clientId);
    this.tokens.revokeUser(userId);
    this.groupsOfUser.delete(userId);
    this.users.delete(userId);
  }

  addGroup(group: LookerGroup): void {
    this.groups.set(group.id, group);
    this.memberSets.set(group.id, new Set(group.members));
    for (const userId of group.members) {
      const list = this.groupsOfUser.get(userId) ?? [];
      list.push(group.id);
      this.groupsOfUser.set(userId, list);
    }
    this.reserveId('group', group.id);
  }

  /** Deletes a group, its memberships and its attribute group values. */
  deleteGroup(groupId: string): void {
    const group = this.groups.get(groupId);
    if (!group) return;
    for (const userId of [...group.members]) this.removeMember(groupId, userId);
    for (const [attributeId, values] of this.groupValueLists) this.replaceGroupValues(attributeId, values.filter((v) => v.group_id !== groupId));
    this.memberSets.delete(groupId);
    this.groups.delete(groupId);
  }

  addMember(groupId: string, userId: string): void {
    const group = this.groups.get(groupId);
    if (!group || this.isMember(groupId, userId)) return;
    group.members.push(userId);
    this.memberSets.get(groupId)?.add(userId);
    this.groupsOfUser.set(userId, [...this.groupIdsOf(userId), groupId]);
  }

  removeMember(groupId: string, userId: string): void {
    const group = this.groups.get(groupId);
    if (!group || !this.isMember(groupId, userId)) return;
    group.members = group.members.filter((id) => id !== userId);
    this.memberSets.get(groupId)?.delete(userId);
    this.groupsOfUser.set(userId, this.groupIdsOf(userId).filter((id) => id !== groupId));
  }

  groupIdsOf(userId: string): string[] {
    return this.groupsOfUser.get(userId) ?? [];
  }

  isMember(groupId: string, userId: string): boolean {
    return this.memberSets.get(groupId)?.has(userId) ?? false;
  }

  addCredential(credential: ApiCredential): void {
    this.credentials.set(credential.client_id, credential);
  }

  /** Takes the next id of a kind; ids are numeric strings, as Looker's are. */
  takeId(kind: IdKind): string {
    const id = this.nextIds[kind];
    this.nextIds[kind] = id + 1;
    return String(id);
  }

  /**
   * Makes sure later takeId calls never hand out an id already used by a seeded or imported record. An id past
   * 2^53 is left alone: counting from it would repeat ids, and counting below it never reaches its text.
   */
  reserveId(kind: IdKind, id: string): void {
    const n = Number(id);
    if (Number.isSafeInteger(n + 1) && n >= this.nextIds[kind]) this.nextIds[kind] = n + 1;
  }

  attributeIdByName(name: string): string | undefined {
    return this.attributeByName.get(name);
  }

  attributeIdByLabel(label: string): string | undefined {
    return this.attributeByLabel.get(label);
  }

  /** Adds or replaces an attribute, keeping the name and label indexes right. */
  putAttribute(attribute: LookerAttribute): void {
    const previous = this.attributes.get(attribute.id);
    if (previous) {
      this.attributeByName.delete(previous.name);
      this.attributeByLabel.delete(previous.label);
    }
    this.attributes.set(attribute.id, attribute);
    this.attributeByName.set(attribute.name, attribute.id);
    this.attributeByLabel.set(attribute.label, attribute.id);
    this.reserveId('user_attribute', attribute.id);
  }

  /** Deletes an attribute with all its user and group values. */
  deleteAttribute(id: string): void {
    const attribute = this.attributes.get(id);
    if (!attribute) return;
    this.attributes.delete(id);
    this.attributeByName.delete(attribute.name);
    this.attributeByLabel.delete(attribute.label);
    this.userValues.delete(id);
    this.groupValueLists.delete(id);
  }

  userValue(attributeId: string, userId: string): string | undefined {
    return this.userValues.get(attributeId)?.get(userId);
  }

  setUserValue(attributeId: string, userId: string, value: string): void {
    let values = this.userValues.get(attributeId);
    if (!values) this.userValues.set(attributeId, (values = new Map()));
    values.set(userId, value);
  }

  deleteUserValue(attributeId: string, userId: string): void {
    this.userValues.get(attributeId)?.delete(userId);
  }

  /** Every stored user value, for snapshots. */
  *allUserValues(): Generator<{ user_attribute_id: string; user_id: string; value: string }> {
    for (const [attributeId, values] of this.userValues) {
      for (const [userId, value] of values) yield { user_attribute_id: attributeId, user_id: userId, value };
    }
  }

  /** The attribute's group values in precedence order (lowest rank first). */
  groupValues(attributeId: string): readonly GroupValue[] {
    return this.groupValueLists.get(attributeId) ?? [];
  }

  replaceGroupValues(attributeId: string, values: GroupValue[]): void {
    const sorted = [...values].sort((a, b) => a.rank - b.rank);
    for (const value of sorted) this.reserveId('group_value', value.id);
    if (sorted.length === 0) this.groupValueLists.delete(attributeId);
    else this.groupValueLists.set(attributeId, sorted);
  }

  allGroupValues(): GroupValue[] {
    return [...this.groupValueLists.values()].flat();
  }
}
