/**
 * A document's reading view for the signer: built-in documents are rendered again from the same
 * data (the application, the envelope's date and signers) to give their accessible blocks; uploaded
 * PDFs have none. Page counts come from the stored PDF. Cached per document in this process.
 */
import type { Deps } from "../../server/deps";
import { applicationById } from "../onboarding/store";
import { asLang, documentData } from "./envelopes/data";
import { documentBytes, type EnvelopeDocumentRow, type SignerContext } from "./envelopes/service";
import type { DocumentLook } from "./presenter";
import { BUILTIN_TEMPLATES, type DocumentBlock, inspectPdf, renderBuiltin } from "./render";

type Look = { pageCount: number | null; blocks: DocumentBlock[] | null };
const MAX_CACHED = 500;

export function cachedDocumentLook(): DocumentLook {
  const cache = new Map<string, Promise<Look>>();
  const compute = async (deps: Deps, ctx: SignerContext, doc: EnvelopeDocumentRow): Promise<Look> => {
    const builtin = BUILTIN_TEMPLATES.find((t) => t.key === doc.template_key);
    const original = await documentBytes(deps, ctx.envelope.tenant_id, ctx.envelope.id, doc.id, "original");
    const { pageCount } = await inspectPdf(original);
    if (!builtin) return { pageCount, blocks: null };
    const app = await applicationById(deps.db, ctx.envelope.tenant_id, ctx.envelope.application_id);
    const signers = await deps.db
      .selectFrom("envelope_signers")
      .select(["role", "name"])
      .where("tenant_id", "=", ctx.envelope.tenant_id)
      .where("envelope_id", "=", ctx.envelope.id)
      .orderBy("position")
      .execute();
    try {
      const { data } = await documentData(deps.db, app, asLang(doc.language), signers, ctx.envelope.created_at);
      return { pageCount, blocks: (await renderBuiltin(builtin.kind, data)).blocks };
    } catch (err) {
      // The PDF pages still show the document; the reading view is a convenience.
      deps.log.warn({ err, documentId: doc.id }, "signing: the reading view of a built-in document could not be made");
      return { pageCount, blocks: null };
    }
  };
  return (deps, ctx, doc) => {
    let hit = cache.get(doc.id);
    if (!hit) {
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      hit = compute(deps, ctx, doc);
      hit.catch(() => cache.delete(doc.id));
      cache.set(doc.id, hit);
    }
    return hit;
  };
}
