/**
 * A document's reading view for the signer: built-in documents carry the accessible blocks made
 * with their PDF when the envelope was created (so the signer reads exactly the text they sign,
 * whatever changed in the application since); uploaded PDFs have none and show their pages.
 */
import type { DocumentBlock } from "./render";
import type { DocumentLook } from "./presenter";

export function storedDocumentLook(): DocumentLook {
  return async (_deps, _ctx, doc) => ({ pageCount: doc.page_count, blocks: Array.isArray(doc.blocks) ? (doc.blocks as DocumentBlock[]) : null });
}
