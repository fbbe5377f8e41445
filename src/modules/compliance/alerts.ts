/**
 * Alerts: new hits found by re-screening (reviews of origin "rescreen") are emailed to every active
 * compliance officer of the bank through the notifications outbox, in the officer's language, in
 * the same transaction as the reviews. The email gives counts only; names stay in the back office.
 */
import type { Trx } from "../../db";
import type { Deps } from "../../server/deps";
import { queueMessage, resolveLocale } from "../notifications";
import type { ReviewRow } from "./subjects";

const WORDS: Record<string, { block: string; review: string }> = {
  en: { block: "block", review: "review" },
  he: { block: "חסימה", review: "בדיקה" },
  ar: { block: "حظر", review: "مراجعة" },
  "zh-Hans": { block: "阻止", review: "审查" },
  "zh-Hant": { block: "阻止", review: "審查" },
};

/** "3 (block: 1, review: 2)" in the officer's language. */
export function alertItems(reviews: Array<Pick<ReviewRow, "band">>, locale: string): string {
  const w = WORDS[resolveLocale(locale)] ?? (WORDS.en as { block: string; review: string });
  const block = reviews.filter((r) => r.band === "block").length;
  const review = reviews.length - block;
  const parts = [block ? `${w.block}: ${block}` : null, review ? `${w.review}: ${review}` : null].filter(Boolean);
  return `${reviews.length} (${parts.join(", ")})`;
}

/** Queues one email per active compliance officer of the tenant; returns how many. */
export async function alertOfficers(trx: Trx, deps: Deps, tenantId: string, reviews: ReviewRow[], now: Date): Promise<number> {
  if (!reviews.length) return 0;
  const tenant = await trx.selectFrom("tenants").select("name").where("id", "=", tenantId).executeTakeFirstOrThrow();
  const officers = await trx.selectFrom("users").select(["email", "name", "locale"]).where("tenant_id", "=", tenantId).where("role", "=", "compliance_officer").where("status", "=", "active").orderBy("email").execute();
  const link = `${deps.config.publicUrl}/app/compliance?origin=rescreen`;
  for (const o of officers) {
    await queueMessage(trx, now, {
      tenantId,
      channel: "email",
      to: o.email,
      template: "compliance.rescreen_alert",
      locale: o.locale,
      vars: { name: o.name, bank: tenant.name, items: alertItems(reviews, o.locale), link },
    });
  }
  return officers.length;
}
