import type { SnagMetadataValue } from '../snag-types.js';

type FieldType = 'string' | 'number' | 'boolean';

interface FieldSpec {
  type: FieldType;
  nullable: boolean;
}

const text = (): FieldSpec => ({ type: 'string', nullable: true });

/**
 * The metadata fields `POST /api/users/metadatas` stores (the SDK's MetadataCreateParams, less the ids that name
 * the user, organization and website). One table for the state's import schema and the handlers.
 */
export const METADATA_FIELDS: Record<string, FieldSpec> = {
  bio: text(),
  blockStatusReason: text(),
  discordUser: text(),
  discordUserId: text(),
  displayName: text(),
  emailAddress: text(),
  epicAccountIdentifier: text(),
  externalIdentifier: text(),
  externalLoyaltyScore: text(),
  githubUser: text(),
  githubUserId: text(),
  googleUser: text(),
  googleUserId: text(),
  internalNotes: text(),
  isBlocked: { type: 'boolean', nullable: false },
  isBlockExempt: { type: 'boolean', nullable: false },
  location: text(),
  logoUrl: text(),
  portfolioUrl: text(),
  steamUserId: text(),
  steamUsername: text(),
  sybilScore: { type: 'number', nullable: true },
  telegramUserId: text(),
  telegramUsername: text(),
  tiktokUser: text(),
  tiktokUserId: text(),
  twitterUser: text(),
  twitterUserFollowersCount: { type: 'number', nullable: true },
  twitterUserId: text(),
  userGroupExternalIdentifier: text(),
  userGroupId: { type: 'string', nullable: false },
  walletGroupIdentifier: text(),
  YTChannelId: text(),
};

/** The stored fields a listed user's `userMetadata` shows: those the SDK's UserListResponse names. */
export const LISTED_METADATA_FIELDS = [
  'bio', 'discordUser', 'displayName', 'emailAddress', 'epicAccountIdentifier', 'externalLoyaltyScore', 'googleUser',
  'googleUserId', 'isBlocked', 'location', 'logoUrl', 'portfolioUrl', 'steamUserId', 'steamUsername', 'telegramUserId',
  'telegramUsername', 'tiktokUser', 'tiktokUserId', 'twitterUser', 'twitterUserFollowersCount', 'userGroupId',
  'walletGroupIdentifier', 'YTChannelId',
] as const;

/** The JSON schema of a metadata record's `fields`, for the state import. */
export const metadataFieldsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(Object.entries(METADATA_FIELDS).map(([name, spec]) => [name, { type: spec.nullable ? [spec.type, 'null'] : spec.type }])),
};

/** The metadata fields a request body sets (a `null` clears one), in the table's order. */
export function pickMetadataFields(body: Record<string, unknown>): Record<string, SnagMetadataValue> {
  const picked: Record<string, SnagMetadataValue> = {};
  for (const name of Object.keys(METADATA_FIELDS)) {
    if (Object.hasOwn(body, name)) picked[name] = body[name] as SnagMetadataValue;
  }
  return picked;
}
