import { useTranslation } from "react-i18next";
import { Link, useLocation } from "../../router";

const TABS = [
  { to: "/analytics", label: "analytics.tabs.dashboard" },
  { to: "/analytics/compare", label: "analytics.tabs.compare" },
  { to: "/analytics/funnels", label: "analytics.tabs.funnels" },
] as const;

/** The three analytics pages; the date range and filters travel along in the URL. */
export function AnalyticsTabs() {
  const { t } = useTranslation();
  const { path, query } = useLocation();
  const keep = new URLSearchParams();
  for (const k of ["preset", "from", "to", "product", "channel", "region", "branch", "agent", "segment", "device", "queue"]) {
    const v = query.get(k);
    if (v) keep.set(k, v);
  }
  const qs = keep.toString();
  return (
    <nav className="an-tabs" aria-label={t("analytics.tabs.label")}>
      {TABS.map((tab) => (
        <Link key={tab.to} to={`${tab.to}${qs ? `?${qs}` : ""}`} className="an-tabs__item" aria-current={path === tab.to ? "page" : undefined}>
          {t(tab.label)}
        </Link>
      ))}
    </nav>
  );
}
