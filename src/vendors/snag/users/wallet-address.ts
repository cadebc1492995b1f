/**
 * The wallet families Snag's docs name for a user's `walletAddress` (EVM, SVM, TON, SUI, Cosmos), plus Flow and
 * Substrate from the SDK's `walletType`. Hex addresses are the same account in any letter case (EIP-55 only adds
 * a checksum), so they are compared in lower case; base58, base64url and bech32 ones are compared as written.
 * The patterns are the mock's judgement: Snag publishes none.
 */
const HEX = /^0x(?:[0-9a-f]{16}|[0-9a-f]{40}|[0-9a-f]{64})$/i;
const OTHERS = [
  /^[1-9A-HJ-NP-Za-km-z]{32,48}$/, // Solana, Substrate (base58)
  /^[A-Za-z0-9_-]{48}$/, // TON, user-friendly form
  /^-?\d+:[0-9a-fA-F]{64}$/, // TON, raw form
  /^[a-z]{1,20}1[02-9ac-hj-np-z]{38,58}$/, // Cosmos (bech32)
];

export function isWalletAddress(address: string): boolean {
  return HEX.test(address) || OTHERS.some((pattern) => pattern.test(address));
}

/** The form two spellings of one wallet share: `0xABC…` and `0xabc…` name the same EVM account. */
export function walletKey(address: string): string {
  return HEX.test(address) ? address.toLowerCase() : address;
}
