import { type ComponentType, type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Permission } from "./api/types";
import { ApiKeysPage } from "./pages/ApiKeys";
import { AuditPage } from "./pages/Audit";
import { ForgotPage } from "./pages/Forgot";
import { HomePage } from "./pages/Home";
import { InvitePage } from "./pages/Invite";
import { JobsPage } from "./pages/Jobs";
import { LoginPage } from "./pages/Login";
import { OrgPage } from "./pages/Org";
import { OutboxPage } from "./pages/Outbox";
import { ProfilePage } from "./pages/Profile";
import { ResetPage } from "./pages/Reset";
import { UsersPage } from "./pages/Users";
import { navigate, useLocation } from "./router";
import { useSession } from "./session";
import { Layout } from "./ui/Layout";
import { PageHead } from "./ui/Page";

const PUBLIC: Record<string, ComponentType> = {
  "/login": LoginPage,
  "/forgot": ForgotPage,
  "/reset": ResetPage,
  "/invite": InvitePage,
};

const PRIVATE: Record<string, { page: ComponentType; needs?: Permission }> = {
  "/": { page: HomePage },
  "/users": { page: UsersPage, needs: "users:read" },
  "/org": { page: OrgPage, needs: "org:read" },
  "/api-keys": { page: ApiKeysPage, needs: "apikeys:manage" },
  "/audit": { page: AuditPage, needs: "audit:read" },
  "/jobs": { page: JobsPage, needs: "jobs:read" },
  "/outbox": { page: OutboxPage, needs: "outbox:read" },
  "/profile": { page: ProfilePage },
};

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** Only in-app paths are followed after sign-in, never another origin. */
export function safeNext(next: string | null): string {
  return next?.startsWith("/") && !next.startsWith("//") ? next : "/";
}

function Message({ title, text }: { title: string; text: string }) {
  return (
    <>
      <PageHead title={title} />
      <p>{text}</p>
    </>
  );
}

export function App() {
  const { t } = useTranslation();
  const { state } = useSession();
  const { path, query } = useLocation();

  if (state.status === "loading") {
    return (
      <main id="main" className="splash">
        <p role="status">{t("common.loading")}</p>
      </main>
    );
  }

  const Public = PUBLIC[path];
  if (Public) {
    if (state.status === "signed_in" && path === "/login") return <Redirect to={safeNext(query.get("next"))} />;
    return <Public />;
  }

  if (state.status !== "signed_in") {
    const params = new URLSearchParams();
    const tenant = query.get("tenant");
    if (tenant) params.set("tenant", tenant);
    if (path !== "/") params.set("next", path + location.search);
    const qs = params.toString();
    return <Redirect to={`/login${qs ? `?${qs}` : ""}`} />;
  }

  const route = PRIVATE[path];
  let body: ReactNode;
  if (!route) body = <Message title={t("notFound.title")} text={t("notFound.text")} />;
  else if (route.needs && !state.me.abilities.includes(route.needs))
    body = <Message title={t("forbidden.title")} text={t("errors.forbidden")} />;
  else body = <route.page />;
  return <Layout>{body}</Layout>;
}
