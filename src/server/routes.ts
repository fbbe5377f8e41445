import type { OpenAPIHono } from "@hono/zod-openapi";
import { auditRoutes } from "../modules/audit/routes";
import { authRoutes } from "../modules/auth/routes";
import { apiKeyRoutes } from "../modules/auth/apikeys-routes";
import { campaignRoutes } from "../modules/feedback/campaigns-routes";
import { contactRoutes } from "../modules/feedback/contacts-routes";
import { mountDistributionPages } from "../modules/feedback/distribution-pages";
import { distributionRoutes } from "../modules/feedback/distribution-routes";
import { invitationRoutes } from "../modules/feedback/invitation-routes";
import { publicSurveyRoutes } from "../modules/feedback/public-routes";
import { responseRoutes } from "../modules/feedback/responses-routes";
import { surveyRoutes } from "../modules/feedback/surveys-routes";
import { applicationRoutes } from "../modules/onboarding/applications-routes";
import { flowRoutes } from "../modules/onboarding/flows-routes";
import { publicDocumentRoutes } from "../modules/onboarding/public-documents-routes";
import { publicApplicationRoutes } from "../modules/onboarding/public-routes";
import { reviewRoutes } from "../modules/onboarding/review-routes";
import { notificationRoutes } from "../modules/notifications/routes";
import { jobRoutes } from "../jobs/routes";
import { orgRoutes } from "../modules/tenancy/org-routes";
import { userRoutes } from "../modules/tenancy/user-routes";
import type { Deps } from "./deps";
import type { AppEnv } from "./env";

/** The mount table: one line per module's routes, all under /api/v1. */
export function mountApiRoutes(app: OpenAPIHono<AppEnv>, deps: Deps) {
  app.route("/api/v1", authRoutes(deps));
  app.route("/api/v1", apiKeyRoutes(deps));
  app.route("/api/v1", orgRoutes(deps));
  app.route("/api/v1", userRoutes(deps));
  app.route("/api/v1", auditRoutes(deps));
  app.route("/api/v1", jobRoutes(deps));
  app.route("/api/v1", notificationRoutes(deps));
  app.route("/api/v1", surveyRoutes(deps));
  app.route("/api/v1", publicSurveyRoutes(deps));
  app.route("/api/v1", responseRoutes(deps));
  app.route("/api/v1", distributionRoutes(deps));
  app.route("/api/v1", contactRoutes(deps));
  app.route("/api/v1", campaignRoutes(deps));
  app.route("/api/v1", invitationRoutes(deps));
  app.route("/api/v1", flowRoutes(deps));
  app.route("/api/v1", applicationRoutes(deps));
  app.route("/api/v1", reviewRoutes(deps));
  app.route("/api/v1", publicApplicationRoutes(deps));
  app.route("/api/v1", publicDocumentRoutes(deps));
  // Outside /api: the embed widget script, survey-page framing, the unsubscribe page.
  mountDistributionPages(app, deps);
}
