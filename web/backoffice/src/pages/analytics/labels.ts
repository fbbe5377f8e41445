import type { TFunction } from "i18next";
import type { KpiGroupBy } from "../../api/types-kpis";
import { currentLocale } from "../../i18n";
import { day } from "./format";

/** Touchpoint channels of kpis.md; other values are shown as sent. */
const CHANNELS = new Set(["web", "app", "branch", "call", "sms", "email", "chat", "agent-assisted"]);
const PRODUCTS = new Set(["checking", "savings", "credit_card", "personal_loan", "auto_loan", "mortgage"]);
const DEVICES = new Set(["desktop", "mobile", "tablet"]);
const MILESTONES = new Set(["started", "submitted", "decided", "funded", "opened", "abandoned"]);

/** A text in the UI language, else the fallback language's, else any. */
export function localize(text: Record<string, string> | undefined, fallback?: string): string {
  if (!text) return "";
  return text[currentLocale()] ?? (fallback ? text[fallback] : undefined) ?? Object.values(text)[0] ?? "";
}

/** What a group's key means to a reader: the server's label, a translated code, or a period. */
export function groupLabel(t: TFunction, by: KpiGroupBy | null, key: string, label: string | null): string {
  if (key === "") return t("analytics.notRecorded");
  // Codes the page can say in the reader's language win over the server's label (the key itself).
  if (by === "channel" && CHANNELS.has(key)) return t(`analytics.channels.${key}`);
  if (by === "product" && PRODUCTS.has(key)) return t(`applications.products.${key}`);
  if (by === "device" && DEVICES.has(key)) return t(`analytics.devices.${key}`);
  // Time buckets are keyed by their first day (weeks from Monday).
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) {
    if (by === "day") return day(key);
    if (by === "week") return t("analytics.weekOf", { day: day(key) });
    if (by === "month") return monthFmt().format(new Date(`${key}T00:00:00Z`));
    if (by === "quarter") return t("analytics.quarterOf", { q: Math.floor((Number(key.slice(5, 7)) - 1) / 3) + 1, year: key.slice(0, 4) });
  }
  return label ?? key;
}

const monthFmt = () => new Intl.DateTimeFormat(currentLocale(), { year: "numeric", month: "short", timeZone: "UTC" });

/** A value of a filter dimension (for chips and options). */
export const valueLabel = (t: TFunction, by: KpiGroupBy, key: string, label?: string | null) => groupLabel(t, by, key, label ?? null);

/**
 * A funnel node: "started" / "stage:started" (a milestone), "step:<id>" (a flow step, named by
 * `stepTitle` when known), "event:<name>" (any event, shown as sent).
 */
export function stepLabel(t: TFunction, node: string, stepTitle?: (id: string) => string | undefined): string {
  const milestone = node.startsWith("stage:") ? node.slice(6) : node;
  if (MILESTONES.has(milestone)) return t(`analytics.milestones.${milestone}`);
  if (node.startsWith("step:")) {
    const id = node.slice(5);
    return t("analytics.funnel.stepNode", { name: stepTitle?.(id) || id });
  }
  if (node.startsWith("event:")) return t("analytics.funnel.eventNode", { name: node.slice(6) });
  return node;
}

export const MILESTONE_NODES = ["started", "submitted", "decided", "funded", "opened"] as const;
