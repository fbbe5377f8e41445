import { useTranslation } from "react-i18next";
import { org } from "../api/endpoints";
import type { OrgTree } from "../api/types";
import { Link } from "../router";
import { useMe } from "../session";
import { useResource } from "../ui/data";
import { PageHead } from "../ui/Page";
import { ScopeText } from "../ui/ScopeText";

const SHORTCUTS = [
  { to: "/users", needs: "users:read", label: "nav.users", text: "home.usersText" },
  { to: "/org", needs: "org:read", label: "nav.org", text: "home.orgText" },
  { to: "/api-keys", needs: "apikeys:manage", label: "nav.apiKeys", text: "home.apiKeysText" },
  { to: "/audit", needs: "audit:read", label: "nav.audit", text: "home.auditText" },
  { to: "/jobs", needs: "jobs:read", label: "nav.jobs", text: "home.jobsText" },
  { to: "/outbox", needs: "outbox:read", label: "nav.outbox", text: "home.outboxText" },
] as const;

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const canOrg = me.abilities.includes("org:read");
  const tree = useResource<OrgTree | undefined>(() => (canOrg ? org.tree() : Promise.resolve(undefined)), [canOrg]);

  return (
    <>
      <PageHead title={t("home.title", { name: me.name || me.email })} intro={t("home.intro", { bank: me.tenant.name })} />
      <section className="card" aria-labelledby="home-you">
        <h2 id="home-you">{t("home.you")}</h2>
        <dl className="facts">
          <div>
            <dt>{t("profile.name")}</dt>
            <dd>{me.name}</dd>
          </div>
          <div>
            <dt>{t("login.email")}</dt>
            <dd dir="ltr">{me.email}</dd>
          </div>
          <div>
            <dt>{t("common.bank")}</dt>
            <dd>{me.tenant.name}</dd>
          </div>
          <div>
            <dt>{t("common.role")}</dt>
            <dd>{t(`roles.${me.role}`)}</dd>
          </div>
          <div>
            <dt>{t("common.scope")}</dt>
            <dd>
              <ScopeText scope={me.scope} regionId={me.regionId} branchId={me.branchId} org={tree.data} />
            </dd>
          </div>
          <div>
            <dt>{t("profile.totpTitle")}</dt>
            <dd>
              {me.totpEnabled ? t("profile.totpOn") : t("profile.totpOff")}
              {me.totpEnabled ? null : (
                <>
                  {" · "}
                  <Link to="/profile">{t("home.turnOnTotp")}</Link>
                </>
              )}
            </dd>
          </div>
        </dl>
      </section>
      <ul className="tiles">
        {SHORTCUTS.filter((s) => me.abilities.includes(s.needs)).map((s) => (
          <li key={s.to} className="tile">
            <Link to={s.to}>{t(s.label)}</Link>
            <p>{t(s.text)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
