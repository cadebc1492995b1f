/** Ids from fixtures/snag.yaml that the Snag tests act on. */
export const SNAG = {
  key: 'snag-dev-key',
  otherKey: 'snag-other-org-key',
  organizationId: '123e4567-e89b-12d3-a456-426614174002',
  websiteId: '123e4567-e89b-12d3-a456-426614174001',
  otherOrganizationId: '9b2f6c1e-4d3a-4e8b-9f10-2a6b7c8d9e01',
  otherWebsiteId: '5d1c2b3a-7e6f-4a5b-8c9d-0e1f2a3b4c5d',
  tierAttributeId: '123e4567-e89b-12d3-a456-426614174004',
  teamAttributeId: '3b241101-e2bb-4255-8caf-4136c566a962',
  otherOrgAttributeId: '6fa459ea-ee8a-3ca4-894e-db77e160355e',
  userId: '123e4567-e89b-12d3-a456-426614174005',
  secondUserId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  otherOrgUserId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  seededValueId: '16fd2706-8baf-433b-82eb-8c7fada847da',
  /** The wallets of userId and secondUserId. */
  wallets: ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'],
} as const;
