import type { SnagApiKey, SnagAttribute, SnagOrganization, SnagSnapshot, SnagUser, SnagValue, SnagWebsite } from './snag-types.js';

function pairKey(attributeId: string, userId: string): string {
  return `${attributeId}\u0000${userId}`;
}

/**
 * Snag's world with the indexes its rules need: a value by (attribute, user) for the upsert, a user's values
 * for listing, an attribute's values for cascading deletes. No operation scans all values.
 */
export class SnagState {
  readonly organizations = new Map<string, SnagOrganization>();
  readonly websites = new Map<string, SnagWebsite>();
  readonly apiKeys = new Map<string, SnagApiKey>();
  readonly users = new Map<string, SnagUser>();
  /** Insertion order is creation order, which lists and cursors follow. */
  readonly attributes = new Map<string, SnagAttribute>();
  readonly values = new Map<string, SnagValue>();
  private readonly valueByPair = new Map<string, string>();
  private readonly valuesByUser = new Map<string, Set<string>>();
  private readonly valuesByAttribute = new Map<string, Set<string>>();
  /** Creation rank of each value, so a merge of several users' values keeps creation order. */
  private readonly valueRank = new Map<string, number>();
  private nextRank = 0;

  static fromSnapshot(snapshot: SnagSnapshot): SnagState {
    const state = new SnagState();
    for (const o of snapshot.organizations) state.organizations.set(o.id, { ...o });
    for (const w of snapshot.websites) state.websites.set(w.id, { ...w });
    for (const k of snapshot.apiKeys) state.apiKeys.set(k.key, { ...k });
    for (const u of snapshot.users) state.users.set(u.id, { ...u });
    for (const a of snapshot.attributes) state.attributes.set(a.id, { ...a });
    for (const v of snapshot.values) state.putValue({ ...v });
    return state;
  }

  toSnapshot(): SnagSnapshot {
    return {
      organizations: [...this.organizations.values()],
      websites: [...this.websites.values()],
      apiKeys: [...this.apiKeys.values()],
      users: [...this.users.values()],
      attributes: [...this.attributes.values()],
      values: [...this.values.values()],
    };
  }

  valueFor(attributeId: string, userId: string): SnagValue | undefined {
    const id = this.valueByPair.get(pairKey(attributeId, userId));
    return id === undefined ? undefined : this.values.get(id);
  }

  /** Inserts a new value or replaces one with the same id, keeping every index in step. */
  putValue(value: SnagValue): void {
    const previous = this.values.get(value.id);
    if (previous) this.unindex(previous);
    else this.valueRank.set(value.id, this.nextRank++);
    this.values.set(value.id, value);
    this.valueByPair.set(pairKey(value.websiteUserAttributeId, value.userId), value.id);
    setOf(this.valuesByUser, value.userId).add(value.id);
    setOf(this.valuesByAttribute, value.websiteUserAttributeId).add(value.id);
  }

  /** Removes an attribute and, as Snag does, every value stored for it. */
  deleteAttribute(id: string): void {
    for (const valueId of [...(this.valuesByAttribute.get(id) ?? [])]) {
      const value = this.values.get(valueId);
      if (value) this.unindex(value);
      this.values.delete(valueId);
      this.valueRank.delete(valueId);
    }
    this.valuesByAttribute.delete(id);
    this.attributes.delete(id);
  }

  /** The values of the given users, in creation order. */
  valuesOfUsers(userIds: string[]): SnagValue[] {
    const found: SnagValue[] = [];
    for (const userId of new Set(userIds)) {
      for (const id of this.valuesByUser.get(userId) ?? []) {
        const value = this.values.get(id);
        if (value) found.push(value);
      }
    }
    return found.sort((a, b) => (this.valueRank.get(a.id) ?? 0) - (this.valueRank.get(b.id) ?? 0));
  }

  private unindex(value: SnagValue): void {
    this.valueByPair.delete(pairKey(value.websiteUserAttributeId, value.userId));
    this.valuesByUser.get(value.userId)?.delete(value.id);
    this.valuesByAttribute.get(value.websiteUserAttributeId)?.delete(value.id);
  }
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}
