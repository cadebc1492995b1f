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

export interface SnagUser {
  id: string;
  organizationId: string;
  walletAddress?: string;
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
  attributes: SnagAttribute[];
  values: SnagValue[];
}

/** The principal an X-API-KEY stands for. */
export type SnagPrincipal = SnagApiKey;
