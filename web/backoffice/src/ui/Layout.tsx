import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Permission } from "../api/types";
import { Link, useLocation } from "../router";
import { useMe, useSession } from "../session";
import { LanguageSwitch } from "./LanguageSwitch";

interface NavItem {
  to: string;
  label: string;
  needs?: Permission;
}

const NAV: NavItem[] = [
  { to: "/", label: "nav.home" },
  { to: "/applications", label: "nav.applications", needs: "applications:read" },
  { to: "/review", label: "nav.review", needs: "applications:review" },
  { to: "/flows", label: "nav.flows", needs: "flows:read" },
  { to: "/compliance", label: "nav.compliance", needs: "compliance:read" },
  { to: "/compliance/screening", label: "nav.screening", needs: "screening:search" },
  { to: "/compliance/lists", label: "nav.lists", needs: "lists:read" },
  { to: "/compliance/risk", label: "nav.risk", needs: "risk:read" },
  { to: "/compliance/settings", label: "nav.complianceSettings", needs: "retention:manage" },
  { to: "/documents/seal", label: "nav.seal", needs: "documents:seal" },
  { to: "/documents/templates", label: "signing.nav", needs: "flows:read" },
  { to: "/surveys", label: "nav.surveys", needs: "surveys:read" },
  { to: "/contacts", label: "nav.contacts", needs: "contacts:read" },
  { to: "/analytics", label: "analytics.nav", needs: "kpis:read" },
  { to: "/journeys", label: "journeys.nav", needs: "journeys:read" },
  { to: "/journey-maps", label: "journeys.map.nav", needs: "kpis:read" },
  { to: "/journey-definitions", label: "journeys.definitions.nav", needs: "kpis:read" },
  { to: "/users", label: "nav.users", needs: "users:read" },
  { to: "/org", label: "nav.org", needs: "org:read" },
  { to: "/api-keys", label: "nav.apiKeys", needs: "apikeys:manage" },
  { to: "/sources", label: "sources.nav", needs: "sources:manage" },
  { to: "/imports", label: "imports.nav", needs: "imports:write" },
  { to: "/audit", label: "nav.audit", needs: "audit:read" },
  { to: "/jobs", label: "nav.jobs", needs: "jobs:read" },
  { to: "/outbox", label: "nav.outbox", needs: "outbox:read" },
  { to: "/profile", label: "nav.profile" },
];

/** The nav item of the page: the longest item path that is the page or a parent of it. */
function isCurrent(path: string, to: string): boolean {
  const within = (p: string) => (p === "/" ? path === "/" : path === p || path.startsWith(`${p}/`));
  return within(to) && !NAV.some((n) => n.to.length > to.length && n.to.startsWith(to) && within(n.to));
}

/** The signed-in frame: header, navigation (a menu on phones) and the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const { path } = useLocation();
  const [open, setOpen] = useState(false);
  const first = useRef(true);

  // Each navigation closes the phone menu and moves focus to the new page's heading.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `path` is the trigger, not an input
  useEffect(() => {
    setOpen(false);
    if (first.current) {
      first.current = false;
      return;
    }
    requestAnimationFrame(() => document.querySelector<HTMLElement>("main h1")?.focus());
  }, [path]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  const items = NAV.filter((item) => !item.needs || me.abilities.includes(item.needs));
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={open}
          aria-controls="site-nav"
          onClick={() => setOpen((o) => !o)}
        >
          <span className="menu-button__icon" aria-hidden="true" />
          {t("nav.menu")}
        </button>
        <Link to="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            A
          </span>
          Atrium
        </Link>
        <span className="topbar__tenant">{me.tenant.name}</span>
        <LanguageSwitch compact />
      </header>
      <div className="shell__body">
        <nav id="site-nav" className={`sidenav${open ? " sidenav--open" : ""}`} aria-label={t("nav.label")}>
          <ul>
            {items.map((item) => (
              <li key={item.to}>
                <Link to={item.to} aria-current={isCurrent(path, item.to) ? "page" : undefined}>
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
          <div className="sidenav__account">
            <p>
              {t("nav.signedInAs")} <strong>{me.name || me.email}</strong>
            </p>
            <button type="button" className="button button--secondary" onClick={() => void signOut()}>
              {t("nav.signOut")}
            </button>
          </div>
        </nav>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
