/** The bank's electronic seal (src/modules/signing/routes.ts). */
export interface SealVerification {
  sealed: boolean;
  intact: boolean;
  coversWholeDocument: boolean;
  signer: { subject: string; issuer: string } | null;
  signedAt: string | null;
  auditTrail: Record<string, unknown>[];
  trusted: boolean;
  testSeal: boolean;
  bank: { slug: string; name: string } | null;
  problems: string[];
}
