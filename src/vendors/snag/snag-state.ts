import type { SnagApiKey, SnagAttribute, SnagOrganization, SnagSnapshot, SnagUser, SnagUserMetadata, SnagValue, SnagWebsite } from './snag-types.js';
import { walletKey } from './users/wallet-address.js';

/**
 * Snag's world with the indexes its rules need: a value by (attribute, user) for the upsert, a user's values
 * for listing, an attribute's values for cascading deletes. No operation scans all values.
 */
export class SnagState {
  readonly organizations = new Map<string, SnagOrganization>();
  readonly websites = new Map<string, SnagWebsite>();
  readonly apiKeys = new Map<string, SnagApiKey>();
  /** Insertion order is creation order, which user lists follow. Written through putUser only. */
  readonly users = new Map<string, SnagUser>();
  /** Written through putMetadata only. */
  readonly userMetadata = new Map<string, SnagUserMetadata>();
  /** `organization wallet` → user id: one wallet is one user of an organization, whatever its letter case. */
  private readonly userByWallet = new Map<string, string>();
  /** `user website` → metadata id: a user has one metadata record per website. */
  private readonly metadataByWebsite = new Map<string, string>();
  /** Insertion order is creation order, which lists and cursors follow. */
  readonly attributes = new Map<string, SnagAttribute>();
  readonly values = new Map<string, SnagValue>();
  /** attribute → user → value id: the upsert's key, and an attribute's values for the cascade. */
  private readonly valueByPair = new Map<string, Map<string, string>>();
  private readonly valuesByUser = new Map<string, Set<string>>();
  /** Creation rank of each value, so a merge of several users' values keeps creation order. */
  private readonly valueRank = new Map<string, number>();
  private nextRank = 0;

  /** A state of its own, copied from a snapshot someone else keeps (an import, a scenario). */
  static fromSnapshot(snapshot: SnagSnapshot): SnagState {
    return SnagState.build(snapshot, (item) => ({ ...item }));
  }

  /**
   * A state that takes the snapshot's objects as its own: for a fixture parsed for this state alone. A copy
   * of a million seeded values would double the memory the seeding peaks at.
   */
  static adopt(snapshot: SnagSnapshot): SnagState {
    return SnagState.build(snapshot, (item) => item);
  }

  private static build(snapshot: SnagSnapshot, take: <T extends object>(item: T) => T): SnagState {
    const state = new SnagState();
    for (const o of snapshot.organizations) state.organizations.set(o.id, take(o));
    for (const w of snapshot.websites) state.websites.set(w.id, take(w));
    for (const k of snapshot.apiKeys) state.apiKeys.set(k.key, take(k));
    for (const u of snapshot.users) state.putUser(take(u));
    for (const m of snapshot.userMetadata) state.putMetadata(take(m));
    for (const a of snapshot.attributes) state.attributes.set(a.id, take(a));
    for (const v of snapshot.values) state.putValue(state.sharingStrings(take(v)));
    return state;
  }

  toSnapshot(): SnagSnapshot {
    return {
      organizations: [...this.organizations.values()],
      websites: [...this.websites.values()],
      apiKeys: [...this.apiKeys.values()],
      users: [...this.users.values()],
      userMetadata: [...this.userMetadata.values()],
      attributes: [...this.attributes.values()],
      values: [...this.values.values()],
    };
  }

  /** The organization's user with that wallet, in any letter case of a hex address. */
  userWithWallet(organizationId: string, address: string): SnagUser | undefined {
    const id = this.userByWallet.get(`${organizationId} ${walletKey(address)}`);
    return id === undefined ? undefined : this.users.get(id);
  }

  putUser(user: SnagUser): void {
    this.users.set(user.id, user);
    if (user.walletAddress !== undefined) this.userByWallet.set(`${user.organizationId} ${walletKey(user.walletAddress)}`, user.id);
  }

  /** The user's metadata in that website, if any was written. */
  metadataOf(userId: string, websiteId: string): SnagUserMetadata | undefined {
    const id = this.metadataByWebsite.get(`${userId} ${websiteId}`);
    return id === undefined ? undefined : this.userMetadata.get(id);
  }

  putMetadata(metadata: SnagUserMetadata): void {
    this.userMetadata.set(metadata.id, metadata);
    this.metadataByWebsite.set(`${metadata.userId} ${metadata.websiteId}`, metadata.id);
  }

  valueFor(attributeId: string, userId: string): SnagValue | undefined {
    const id = this.valueByPair.get(attributeId)?.get(userId);
    return id === undefined ? undefined : this.values.get(id);
  }

  /** Inserts a new value or replaces one with the same id, keeping every index in step. */
  putValue(value: SnagValue): void {
    const previous = this.values.get(value.id);
    if (previous) this.unindex(previous);
    else this.valueRank.set(value.id, this.nextRank++);
    this.values.set(value.id, value);
    mapOf(this.valueByPair, value.websiteUserAttributeId).set(value.userId, value.id);
    setOf(this.valuesByUser, value.userId).add(value.id);
  }

  /** Removes an attribute and, as Snag does, every value stored for it. */
  deleteAttribute(id: string): void {
    for (const valueId of [...(this.valueByPair.get(id)?.values() ?? [])]) {
      const value = this.values.get(valueId);
      if (value) this.unindex(value);
      this.values.delete(valueId);
      this.valueRank.delete(valueId);
    }
    this.valueByPair.delete(id);
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
    this.valueByPair.get(value.websiteUserAttributeId)?.delete(value.userId);
    this.valuesByUser.get(value.userId)?.delete(value.id);
  }

  /**
   * Points a value's ids at the very strings its user and attribute hold: a parsed snapshot has a string per
   * occurrence, and a million values would otherwise keep millions of duplicates. Changes `v` in place.
   */
  private sharingStrings(v: SnagValue): SnagValue {
    const attribute = this.attributes.get(v.websiteUserAttributeId);
    const user = this.users.get(v.userId);
    if (attribute?.websiteId === v.websiteId) v.websiteId = attribute.websiteId;
    if (attribute?.organizationId === v.organizationId) v.organizationId = attribute.organizationId;
    if (attribute) v.websiteUserAttributeId = attribute.id;
    if (user) v.userId = user.id;
    if (v.updatedAt === v.createdAt) v.updatedAt = v.createdAt;
    return v;
  }
}

function mapOf(map: Map<string, Map<string, string>>, key: string): Map<string, string> {
  let inner = map.get(key);
  if (!inner) {
    inner = new Map();
    map.set(key, inner);
  }
  return inner;
}

function setOf(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  return set;
}
