/** Snag's entities as the mock stores them; response shapes are mapped from these in snag-present.ts. */
export interface SnagOrganization {
  id: string;
  name: string;
}

export interface SnagWebsite {
  id: string;
  organizationId: string;
  name: string;
}

export interface SnagApiKey {
  key: string;
  organizationId: string;
  websiteId: string;
}

/** A user as an organization knows it: one wallet is one user (see users/wallet-address.ts for the letter case). */
export interface SnagUser {
  id: string;
  organizationId: string;
  walletAddress?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** The value a metadata field holds; which fields exist and of what type is in users/metadata-fields.ts. */
export type SnagMetadataValue = string | number | boolean | null;

/** A user's metadata in one website (`POST /api/users/metadatas`): the fields given, as last written. */
export interface SnagUserMetadata {
  id: string;
  userId: string;
  organizationId: string;
  websiteId: string;
  createdAt: string;
  updatedAt: string;
  fields: Record<string, SnagMetadataValue>;
}

export interface SnagAttribute {
  id: string;
  websiteId: string;
  organizationId: string;
  label: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface SnagValue {
  id: string;
  websiteId: string;
  organizationId: string;
  websiteUserAttributeId: string;
  userId: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

/** The whole world, as exported to state files and sessions, in creation order. */
export interface SnagSnapshot {
  organizations: SnagOrganization[];
  websites: SnagWebsite[];
  apiKeys: SnagApiKey[];
  users: SnagUser[];
  userMetadata: SnagUserMetadata[];
  attributes: SnagAttribute[];
  values: SnagValue[];
}

/** The principal an X-API-KEY stands for. */
export type SnagPrincipal = SnagApiKey;
