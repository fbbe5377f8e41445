import { type ComponentType, lazy, type ReactNode, Suspense, useEffect } from "react";
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

// The feedback area (designer, results, distribution) loads on first visit, so sign-in and the
// administration pages stay a small first download.
const SurveysPage = lazy(() => import("./pages/surveys/SurveysPage").then((m) => ({ default: m.SurveysPage })));
const SurveyEditorPage = lazy(() => import("./pages/surveys/SurveyEditorPage").then((m) => ({ default: m.SurveyEditorPage })));
const SurveyResultsPage = lazy(() => import("./pages/feedback/SurveyResultsPage").then((m) => ({ default: m.SurveyResultsPage })));
const SurveyDistributionPage = lazy(() => import("./pages/feedback/SurveyDistributionPage").then((m) => ({ default: m.SurveyDistributionPage })));
const ResponsePage = lazy(() => import("./pages/feedback/ResponsePage").then((m) => ({ default: m.ResponsePage })));
const ApplicationsPage = lazy(() => import("./pages/applications/ApplicationsPage").then((m) => ({ default: m.ApplicationsPage })));
const ApplicationPage = lazy(() => import("./pages/applications/ApplicationPage").then((m) => ({ default: m.ApplicationPage })));
const ReviewQueuePage = lazy(() => import("./pages/applications/ReviewQueuePage").then((m) => ({ default: m.ReviewQueuePage })));
const FlowsPage = lazy(() => import("./pages/flows/FlowsPage").then((m) => ({ default: m.FlowsPage })));
const FlowEditorPage = lazy(() => import("./pages/flows/FlowEditorPage").then((m) => ({ default: m.FlowEditorPage })));
const ReviewsPage = lazy(() => import("./pages/compliance/ReviewsPage").then((m) => ({ default: m.ReviewsPage })));
const ReviewPage = lazy(() => import("./pages/compliance/ReviewPage").then((m) => ({ default: m.ReviewPage })));
const ListsPage = lazy(() => import("./pages/compliance/ListsPage").then((m) => ({ default: m.ListsPage })));
const ScreeningPage = lazy(() => import("./pages/compliance/ScreeningPage").then((m) => ({ default: m.ScreeningPage })));
const RiskRulesPage = lazy(() => import("./pages/compliance/RiskRulesPage").then((m) => ({ default: m.RiskRulesPage })));
const ComplianceSettingsPage = lazy(() => import("./pages/compliance/ComplianceSettingsPage").then((m) => ({ default: m.ComplianceSettingsPage })));
const SealPage = lazy(() => import("./pages/documents/SealPage").then((m) => ({ default: m.SealPage })));
const TemplatesPage = lazy(() => import("./pages/signing/TemplatesPage").then((m) => ({ default: m.TemplatesPage })));
const TemplateEditorPage = lazy(() => import("./pages/signing/TemplateEditorPage").then((m) => ({ default: m.TemplateEditorPage })));
const SourcesPage = lazy(() => import("./pages/sources/SourcesPage").then((m) => ({ default: m.SourcesPage })));
const ImportsPage = lazy(() => import("./pages/imports/ImportsPage").then((m) => ({ default: m.ImportsPage })));
const ContactsPage = lazy(() => import("./pages/feedback/ContactsPage").then((m) => ({ default: m.ContactsPage })));
const AnalyticsDashboardPage = lazy(() => import("./pages/analytics/DashboardPage").then((m) => ({ default: m.DashboardPage })));
const AnalyticsComparePage = lazy(() => import("./pages/analytics/ComparePage").then((m) => ({ default: m.ComparePage })));
const AnalyticsFunnelPage = lazy(() => import("./pages/analytics/FunnelPage").then((m) => ({ default: m.FunnelPage })));
const JourneysPage = lazy(() => import("./pages/journeys/JourneysPage").then((m) => ({ default: m.JourneysPage })));
const JourneyPage = lazy(() => import("./pages/journeys/JourneyPage").then((m) => ({ default: m.JourneyPage })));
const CustomerTimelinePage = lazy(() => import("./pages/journeys/CustomerTimelinePage").then((m) => ({ default: m.CustomerTimelinePage })));
const JourneyMapPage = lazy(() => import("./pages/journeys/JourneyMapPage").then((m) => ({ default: m.JourneyMapPage })));
const JourneyDefinitionsPage = lazy(() => import("./pages/journeys/DefinitionsPage").then((m) => ({ default: m.DefinitionsPage })));

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
  // Feedback. Detail pages take ?id=…
  "/surveys": { page: SurveysPage, needs: "surveys:read" },
  "/surveys/edit": { page: SurveyEditorPage, needs: "surveys:read" },
  "/surveys/results": { page: SurveyResultsPage, needs: "surveys:read" },
  "/surveys/distribute": { page: SurveyDistributionPage, needs: "surveys:distribute" },
  "/responses": { page: ResponsePage, needs: "responses:read" },
  "/contacts": { page: ContactsPage, needs: "contacts:read" },
  // Onboarding. Detail pages take ?id=… (applications) or ?product=… (flows).
  "/applications": { page: ApplicationsPage, needs: "applications:read" },
  "/applications/view": { page: ApplicationPage, needs: "applications:read" },
  "/review": { page: ReviewQueuePage, needs: "applications:review" },
  "/flows": { page: FlowsPage, needs: "flows:read" },
  "/flows/edit": { page: FlowEditorPage, needs: "flows:read" },
  // Compliance. The review page takes ?id=…
  "/compliance": { page: ReviewsPage, needs: "compliance:read" },
  "/compliance/review": { page: ReviewPage, needs: "compliance:read" },
  "/compliance/screening": { page: ScreeningPage, needs: "screening:search" },
  "/compliance/lists": { page: ListsPage, needs: "lists:read" },
  "/compliance/risk": { page: RiskRulesPage, needs: "risk:read" },
  "/compliance/settings": { page: ComplianceSettingsPage, needs: "retention:manage" },
  "/documents/seal": { page: SealPage, needs: "documents:seal" },
  // E-signature templates: those who build flows see them; admins upload and place fields (?key=…).
  "/documents/templates": { page: TemplatesPage, needs: "flows:read" },
  "/documents/templates/edit": { page: TemplateEditorPage, needs: "signing:templates" },
  // Journey analytics: the systems that send events, and their write keys.
  "/sources": { page: SourcesPage, needs: "sources:manage" },
  "/imports": { page: ImportsPage, needs: "imports:write" },
  // Journey analytics: KPI dashboard, comparisons, funnels.
  "/analytics": { page: AnalyticsDashboardPage, needs: "kpis:read" },
  "/analytics/compare": { page: AnalyticsComparePage, needs: "kpis:read" },
  "/analytics/funnels": { page: AnalyticsFunnelPage, needs: "kpis:read" },
  // Journeys (?id=…), a customer's timeline (?customer=…), journey maps (?product=…), definitions (?product=…).
  "/journeys": { page: JourneysPage, needs: "journeys:read" },
  "/journeys/view": { page: JourneyPage, needs: "journeys:read" },
  "/journeys/customer": { page: CustomerTimelinePage, needs: "journeys:read" },
  "/journey-maps": { page: JourneyMapPage, needs: "kpis:read" },
  "/journey-definitions": { page: JourneyDefinitionsPage, needs: "kpis:read" },
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
  else
    body = (
      <Suspense
        fallback={
          <p role="status" className="loading">
            {t("common.loading")}
          </p>
        }
      >
        <route.page />
      </Suspense>
    );
  return <Layout>{body}</Layout>;
}
