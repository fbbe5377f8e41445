import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import { org } from "../../api/endpoints";
import type { ApplicationProductInfo, ApplicationRisk, ApplicationStatus, ApplicationText, Branch } from "../../api/types";
import { currentLocale } from "../../i18n";
import { useResource } from "../../ui/data";
import "./applications.css";

/** A flow text in the UI language, else the flow's default language, else English, else any. */
export function localText(text: ApplicationText | null | undefined, fallback?: string | null): string {
  if (!text) return "";
  return text[currentLocale()] ?? (fallback ? text[fallback] : undefined) ?? text.en ?? Object.values(text)[0] ?? "";
}

const TONE: Record<ApplicationStatus, string> = {
  created: "muted",
  in_progress: "muted",
  abandoned: "warn",
  submitted: "warn",
  info_requested: "warn",
  approved: "ok",
  rejected: "error",
  funded: "ok",
  cancelled: "error",
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--${TONE[status] ?? "muted"}`} data-status={status}>
      {t(`applications.status.${status}`, { defaultValue: status })}
    </span>
  );
}

export function RiskBadge({ risk }: { risk: ApplicationRisk | null }) {
  const { t } = useTranslation();
  if (!risk) return <span className="muted">—</span>;
  const tone = risk === "high" ? "error" : risk === "medium" ? "warn" : "ok";
  return <span className={`badge badge--${tone}`}>{t(`applications.risk.${risk}`)}</span>;
}

/** "Late" when the review SLA has passed. */
export function LateBadge() {
  const { t } = useTranslation();
  return <span className="badge badge--error ap-late">{t("applications.late")}</span>;
}

/** "Step 2 of 5". */
export function stepOf(t: (key: string, opts?: Record<string, unknown>) => string, p: { index: number; total: number }): string {
  if (!p.total) return "—";
  if (p.index >= p.total) return t("applications.allStepsDone");
  return t("applications.stepOf", { index: Math.min(p.index + 1, p.total), total: p.total });
}

/** A bar with the share of steps done, with the words beside it for screen readers. */
export function ProgressBar({ index, total, label }: { index: number; total: number; label: string }) {
  const done = total ? Math.min(index, total) : 0;
  return (
    <span className="ap-progress">
      <progress max={total || 1} value={done} aria-label={label} />
      <span>{label}</span>
    </span>
  );
}

/** The products with their titles, for the "new application" form and the filters. */
export function useProducts() {
  return useResource<ApplicationProductInfo[]>(() => applications.products().then((r) => r.items), []);
}

/** The bank's branches, flat (region name kept for the option groups). */
export function useBranches() {
  return useResource<(Branch & { region: string; regionId: string })[]>(
    () => org.tree().then((tree) => tree.regions.flatMap((r) => r.branches.map((b) => ({ ...b, region: r.name, regionId: r.id })))),
    [],
  );
}

export function productName(products: ApplicationProductInfo[] | undefined, id: string, t: (key: string) => string): string {
  const p = products?.find((x) => x.id === id);
  return (p && localText(p.title)) || t(`applications.products.${id}`);
}

export function branchName(branches: Branch[] | undefined, id: string | null): string {
  if (!id) return "—";
  return branches?.find((b) => b.id === id)?.name ?? "—";
}

/** Hours as "3 h" or "2 d 4 h" in the UI language. */
export function ageText(hours: number): string {
  const unit = (value: number, u: "hour" | "day") => new Intl.NumberFormat(currentLocale(), { style: "unit", unit: u, unitDisplay: "short" }).format(value);
  const h = Math.max(0, Math.floor(hours));
  if (h < 24) return unit(h, "hour");
  return `${unit(Math.floor(h / 24), "day")} ${unit(h % 24, "hour")}`;
}

/** "8 minutes" in the UI language. */
export function minutesText(minutes: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: "unit", unit: "minute", unitDisplay: "long" }).format(Math.max(0, Math.round(minutes)));
}
