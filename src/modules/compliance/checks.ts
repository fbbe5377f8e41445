/**
 * The application's screening checks (application_checks kind "sanctions" and "pep"): outcome,
 * a short English summary for reviewers and the evidence (matches, result, reviews, list version).
 * The risk rules read these rows; the latest row of a kind is the current one.
 */
import type { Trx } from "../../db";
import type { ListKind } from "../../db/schema-compliance";
import { newId } from "../../kernel/ids";
import type { ApplicationRow } from "../onboarding/timeline";
import { PROVIDER, type RecordedHit, type ScreeningRecord } from "./subjects";

type Outcome = "pass" | "review" | "fail";

/** Open (or true-match) hits at block fail; review/edd hits need a look; cleared ones pass. */
export function outcomeOf(hits: RecordedHit[], trueMatch: boolean): Outcome {
  if (trueMatch) return "fail";
  const live = hits.filter((h) => h.handling !== "cleared");
  if (live.some((h) => h.band === "block")) return "fail";
  if (live.length) return "review";
  return "pass";
}

function summaryOf(kind: ListKind, hits: RecordedHit[], listVersion: string, trueMatch: boolean): string {
  const what = kind === "pep" ? "PEP" : "sanctions";
  if (!listVersion) return kind === "pep" ? "no PEP list loaded" : "no sanctions list loaded";
  if (trueMatch) return `confirmed ${what} match`;
  const live = hits.filter((h) => h.handling !== "cleared");
  const cleared = hits.length - live.length;
  const tail = cleared ? `; ${cleared} previously cleared` : "";
  if (!live.length) return `no ${what} match${tail}`;
  const best = live[0] as RecordedHit;
  const opened = live.filter((h) => h.handling === "opened").length;
  const reviews = opened ? `, ${opened} review(s) opened` : live.some((h) => h.handling === "existing") ? ", under review" : ", enhanced due diligence";
  return `${live.length} possible ${what} match(es), best ${best.score.toFixed(2)} (${best.band})${reviews}${tail}`;
}

export interface CheckInput {
  app: Pick<ApplicationRow, "tenant_id" | "id">;
  record: Pick<ScreeningRecord, "resultId" | "listVersion" | "hits">;
  digest: string;
  actor: string;
  now: Date;
  /** The subject is a confirmed true match (a decided review): the sanctions check fails whatever this screening found. */
  trueMatch?: boolean;
  /** Also written when it has no hits (an earlier row of this kind must be superseded). */
  kinds: ListKind[];
}

/** Writes one check row per kind asked; returns the outcomes. */
export async function writeScreeningChecks(trx: Trx, c: CheckInput): Promise<Record<string, Outcome>> {
  const out: Record<string, Outcome> = {};
  for (const kind of c.kinds) {
    const hits = c.record.hits.filter((h) => h.kind === kind);
    const trueMatch = kind === "sanctions" && (c.trueMatch ?? false);
    const outcome = c.record.listVersion || kind === "pep" ? outcomeOf(hits, trueMatch) : "review";
    out[kind] = outcome;
    await trx
      .insertInto("application_checks")
      .values({
        tenant_id: c.app.tenant_id,
        id: newId(),
        application_id: c.app.id,
        kind,
        outcome,
        summary: summaryOf(kind, hits, c.record.listVersion, trueMatch),
        details: JSON.stringify({
          resultId: c.record.resultId,
          matches: hits.map((h) => ({ list: h.list, listVersion: h.listVersion, entryId: h.entryId, name: h.name, matchedName: h.matchedName, score: h.score, band: h.band, handling: h.handling, reviewId: h.reviewId })),
          reviewIds: [...new Set(hits.filter((h) => h.handling === "opened" || h.handling === "existing").map((h) => h.reviewId))],
          previouslyCleared: hits.filter((h) => h.handling === "cleared").map((h) => ({ list: h.list, entryId: h.entryId, reviewId: h.reviewId })),
          eddHits: hits.filter((h) => h.handling === "edd").length,
          trueMatch,
        }),
        provider: PROVIDER,
        input_digest: c.digest,
        list_version: c.record.listVersion || null,
        actor: c.actor,
        created_at: c.now,
      })
      .execute();
  }
  return out;
}

/** Which kinds to write: sanctions always; pep when there are PEP hits or an earlier PEP row to supersede. */
export async function checkKinds(trx: Trx, app: Pick<ApplicationRow, "tenant_id" | "id">, hits: RecordedHit[]): Promise<ListKind[]> {
  if (hits.some((h) => h.kind === "pep")) return ["sanctions", "pep"];
  const earlier = await trx.selectFrom("application_checks").select("id").where("tenant_id", "=", app.tenant_id).where("application_id", "=", app.id).where("kind", "=", "pep").limit(1).executeTakeFirst();
  return earlier ? ["sanctions", "pep"] : ["sanctions"];
}
