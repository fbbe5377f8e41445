/**
 * Seals a PDF with the bank's electronic seal (PAdES baseline B-B). Everything is built in
 * memory and the result is verified before it is returned: a caller never gets a half-written
 * or unverifiable document.
 */
import type { Sealer } from "./keys";
import { buildCms, sha256 } from "./cms";
import { embedSignature, loadSealable, prepareSeal, type SealFields } from "./pdf";
import { verifySignatureBytes } from "./verify";

/** Room for a signature time-stamp token: the TSA's signed TSTInfo and its certificate chain (a larger one costs a second try). */
export const TIMESTAMP_ROOM = 8192;

/** Room for the CMS: the chain, the signed attributes, the signature (and the time-stamp token), with a margin. */
function contentsSize(sealer: Sealer): number {
  return sealer.certificateChain.reduce((n, c) => n + c.length, 0) + 4096 + (sealer.timestamper ? TIMESTAMP_ROOM : 0);
}

export async function sealPdf(pdf: Uint8Array, sealer: Sealer, fields: SealFields): Promise<Uint8Array> {
  let room = contentsSize(sealer);
  let prepared = await prepareSeal(await loadSealable(pdf), fields, room);
  let cms = await buildCms(sha256(prepared.signedBytes), sealer);
  if (cms.length > room) {
    // A time-stamp authority sent a larger token (a long chain) than reserved: once more with room for it.
    room = cms.length + 2048;
    prepared = await prepareSeal(await loadSealable(pdf), fields, room);
    cms = await buildCms(sha256(prepared.signedBytes), sealer);
  }
  const sealed = embedSignature(prepared, cms);
  const check = verifySignatureBytes(sealed);
  if (!check.sealed || !check.intact || !check.coversWholeDocument || (sealer.timestamper && !check.timestamp)) {
    throw new Error(`Sealing produced a document that does not verify: ${check.problems.join("; ")}`);
  }
  return sealed;
}
