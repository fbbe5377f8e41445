/**
 * The back office's hand-written API types must equal what the server's schemas produce: the
 * same schemas generate /api/v1/openapi.json, so a change to either side that is not made on the
 * other fails `tsc` here (npm test and CI typecheck it). Checked, never run. (A new optional field
 * on one side only still passes: optional properties are mutually assignable.)
 */
import type { z } from "zod";
import type { JobSchema } from "../../src/jobs/routes";
import type { AuditEntrySchema, VerifySchema } from "../../src/modules/audit/routes";
import type { ApiKey } from "../../src/modules/auth/apikeys-routes";
import type { Enrolment } from "../../src/modules/auth/me-routes";
import type { MeSchema, SignedInSchema } from "../../src/modules/auth/presenter";
import type { InvitationPreview } from "../../src/modules/auth/schemas";
import type { Survey, SurveySummary } from "../../src/modules/feedback/surveys-routes";
import type { MessageSchema } from "../../src/modules/notifications/routes";
import type { Org } from "../../src/modules/tenancy/org-routes";
import type { InvitationSchema, UserSchema } from "../../src/modules/tenancy/presenter";
import type { Contact } from "../../src/modules/feedback/contacts";
import type { FeedbackSettings } from "../../src/modules/feedback/contacts-routes";
import type { ResponseDetailSchema, ResponseListItemSchema, ResponseNoteSchema, SummarySchema } from "../../src/modules/feedback/responses-schemas";
import type { LinkSent, LiveProgress } from "../../src/modules/onboarding/applications-routes";
import type { Flow, FlowProblem, Product, Published, VersionDetail } from "../../src/modules/onboarding/flows-routes";
import type { ApplicationDetailSchema } from "../../src/modules/onboarding/presenter";
import type { ApplicationListItemSchema } from "../../src/modules/onboarding/review-routes";
import type { ComplianceDecisionBody, ComplianceDecisionOut, ComplianceReviewDetailSchema, ComplianceReviewSchema } from "../../src/modules/compliance/routes";
import type { Fact, RiskRules, RuleSetHistoryItem, RuleSetVersion, Settings, SettingsInput, TestResult } from "../../src/modules/risk/schemas";
import type { ListVersion, ScreeningList } from "../../src/modules/screening/lists-routes";
import type { ScreeningEntry, ScreeningHit, ScreeningSearchInput, ScreeningSearchResult } from "../../src/modules/screening/search-routes";
import type { VerificationSchema } from "../../src/modules/signing/routes";
import type { EnvelopeSchema, SigningEventSchema } from "../../src/modules/signing/presenter";
import type { PlacedFieldSchema, TemplateSchema, TemplateSummarySchema } from "../../src/modules/signing/template-routes";
import type { ProblemSchema } from "../../src/server/openapi";
import type * as Web from "../../web/backoffice/src/api/types";
import type { FunnelSchema } from "../../src/modules/journeys/explore/schemas";
import type { KpiComparisonSchema, KpiReportSchema } from "../../src/modules/journeys/kpis/schemas";
import type * as WebKpis from "../../web/backoffice/src/api/types-kpis";
import type { CustomerTimelineSchema, DefinitionsSchema, JourneyDetailSchema, JourneyMapSchema, JourneySchema, StoredDefinitionSchema, TimelineEventSchema } from "../../src/modules/journeys/explore/schemas";
import type { DefinitionBody } from "../../src/modules/journeys/explore/definitions";
import type * as WebJourneys from "../../web/backoffice/src/api/types-journeys";
import type { ImportSchema, ImportSummary } from "../../src/modules/journeys/imports/routes";
import type * as WebImports from "../../web/backoffice/src/api/types-imports";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every answer the server can give fits the client's type (the client also builds its own). */
type Fits<Server, Client> = [Server] extends [Client] ? true : false;
type Out<S extends z.ZodType> = z.output<S>;
type In<S extends z.ZodType> = z.input<S>;

export const contract: {
  me: Same<Web.Me, Out<typeof MeSchema>>;
  signedIn: Same<Web.SignedIn, Out<typeof SignedInSchema>>;
  user: Same<Web.User, Out<typeof UserSchema>>;
  invitation: Same<Web.Invitation, Out<typeof InvitationSchema>>;
  invitationPreview: Same<Web.InvitationPreview, Out<typeof InvitationPreview>>;
  org: Same<Web.OrgTree, Out<typeof Org>>;
  apiKey: Same<Web.ApiKey, Out<typeof ApiKey>>;
  totp: Same<Web.TotpSetup, Out<typeof Enrolment>>;
  audit: Same<Web.AuditEntry, Out<typeof AuditEntrySchema>>;
  verify: Same<Web.AuditVerification, Out<typeof VerifySchema>>;
  job: Same<Web.Job, Out<typeof JobSchema>>;
  message: Same<Web.OutboxMessage, Out<typeof MessageSchema>>;
  problem: Fits<Out<typeof ProblemSchema>, Web.Problem>;
  surveySummary: Same<Web.SurveySummary, Out<typeof SurveySummary>>;
  /** The draft is typed by the shared definition types on the client, an open record in the schema. */
  survey: Same<Omit<Web.Survey, "draft">, Omit<Out<typeof Survey>, "draft">>;
  // Feedback results, single response, contacts, settings.
  resultsSummary: Same<Web.ResultsSummary, Out<typeof SummarySchema>>;
  responseListItem: Same<Web.ResponseListItem, Out<typeof ResponseListItemSchema>>;
  responseDetail: Same<Web.ResponseDetail, Out<typeof ResponseDetailSchema>>;
  responseNote: Same<Web.ResponseNote, Out<typeof ResponseNoteSchema>>;
  contact: Same<Web.Contact, Out<typeof Contact>>;
  feedbackSettings: Same<Web.FeedbackSettings, Out<typeof FeedbackSettings>>;
  // Onboarding: flows and applications.
  flow: Same<Web.Flow, Out<typeof Flow>>;
  flowProblem: Same<Web.FlowProblem, Out<typeof FlowProblem>>;
  product: Same<Web.ProductSummary, Out<typeof Product>>;
  flowVersion: Same<Web.FlowVersionDetail, Out<typeof VersionDetail>>;
  flowPublished: Same<Web.FlowPublished, Out<typeof Published>>;
  applicationDetail: Same<Web.ApplicationDetail, Out<typeof ApplicationDetailSchema>>;
  applicationListItem: Same<Web.ApplicationListItem, Out<typeof ApplicationListItemSchema>>;
  applicationProgress: Same<Web.ApplicationLiveProgress, Out<typeof LiveProgress>>;
  applicationLinkSent: Same<Web.ApplicationLinkSent, Out<typeof LinkSent>>;
  screeningList: Same<Web.ScreeningList, Out<typeof ScreeningList>>;
  listVersion: Same<Web.ListVersion, Out<typeof ListVersion>>;
  screeningSearchInput: Fits<Web.ScreeningSearchInput, In<typeof ScreeningSearchInput>>;
  screeningHit: Same<Web.ScreeningHit, Out<typeof ScreeningHit>>;
  screeningSearchResult: Same<Web.ScreeningSearchResult, Out<typeof ScreeningSearchResult>>;
  screeningEntry: Same<Web.ScreeningEntry, Out<typeof ScreeningEntry>>;
  complianceReview: Same<Web.ComplianceReview, Out<typeof ComplianceReviewSchema>>;
  complianceReviewDetail: Same<Web.ComplianceReviewDetail, Out<typeof ComplianceReviewDetailSchema>>;
  complianceDecisionInput: Fits<Web.ComplianceDecisionInput, In<typeof ComplianceDecisionBody>>;
  complianceDecisionResult: Same<Web.ComplianceDecisionResult, Out<typeof ComplianceDecisionOut>>;
  riskRules: Same<Web.RiskRules, Out<typeof RiskRules>>;
  riskRuleSetVersion: Same<Web.RiskRuleSetVersion, Out<typeof RuleSetVersion>>;
  riskRuleSetHistoryItem: Same<Web.RiskRuleSetHistoryItem, Out<typeof RuleSetHistoryItem>>;
  riskFact: Same<Web.RiskFact, Out<typeof Fact>>;
  riskTestResult: Same<Web.RiskTestResult, Out<typeof TestResult>>;
  complianceSettings: Same<Web.ComplianceSettings, Out<typeof Settings>>;
  complianceSettingsInput: Fits<Web.ComplianceSettingsInput, In<typeof SettingsInput>>;
  sealVerification: Same<Web.SealVerification, Out<typeof VerificationSchema>>;
  signingTemplateSummary: Fits<Out<typeof TemplateSummarySchema>, Web.TemplateSummary>;
  signingTemplate: Fits<Out<typeof TemplateSchema>, Web.Template>;
  placedField: Same<Web.PlacedField, Out<typeof PlacedFieldSchema>>;
  envelope: Same<Web.Envelope, Out<typeof EnvelopeSchema>>;
  signingEvent: Same<Web.SigningEvent, Out<typeof SigningEventSchema>>;
  // Journey analytics: KPI report, comparison, funnel.
  kpiReport: Same<WebKpis.KpiReport, Out<typeof KpiReportSchema>>;
  kpiComparison: Same<WebKpis.KpiComparison, Out<typeof KpiComparisonSchema>>;
  funnel: Same<WebKpis.Funnel, Out<typeof FunnelSchema>>;
  // Journey analytics: journeys, timelines, journey maps, definitions.
  journey: Same<WebJourneys.JourneyInstance, Out<typeof JourneySchema>>;
  journeyEvent: Same<WebJourneys.JourneyEvent, Out<typeof TimelineEventSchema>>;
  journeyDetail: Same<WebJourneys.JourneyDetail, Out<typeof JourneyDetailSchema>>;
  customerTimeline: Same<WebJourneys.CustomerTimeline, Out<typeof CustomerTimelineSchema>>;
  journeyMap: Same<WebJourneys.JourneyMap, Out<typeof JourneyMapSchema>>;
  journeyDefinitionItem: Same<WebJourneys.JourneyDefinitionItem, Out<typeof StoredDefinitionSchema>>;
  journeyDefinitions: Same<WebJourneys.JourneyDefinitions, Out<typeof DefinitionsSchema>>;
  /** The client sends the definition without its product (the path names it). */
  journeyDefinitionInput: Fits<Omit<WebJourneys.JourneyDefinition, "product">, In<typeof DefinitionBody>>;
  // Bulk imports.
  eventImport: Same<WebImports.EventImport, Out<typeof ImportSchema>>;
  eventImportSummary: Same<WebImports.EventImportSummary, Out<typeof ImportSummary>>;
} = {
  me: true,
  signedIn: true,
  user: true,
  invitation: true,
  invitationPreview: true,
  org: true,
  apiKey: true,
  totp: true,
  audit: true,
  verify: true,
  job: true,
  message: true,
  problem: true,
  surveySummary: true,
  survey: true,
  resultsSummary: true,
  responseListItem: true,
  responseDetail: true,
  responseNote: true,
  contact: true,
  feedbackSettings: true,
  flow: true,
  flowProblem: true,
  product: true,
  flowVersion: true,
  flowPublished: true,
  applicationDetail: true,
  applicationListItem: true,
  applicationProgress: true,
  applicationLinkSent: true,
  screeningList: true,
  listVersion: true,
  screeningSearchInput: true,
  screeningHit: true,
  screeningSearchResult: true,
  screeningEntry: true,
  complianceReview: true,
  complianceReviewDetail: true,
  complianceDecisionInput: true,
  complianceDecisionResult: true,
  riskRules: true,
  riskRuleSetVersion: true,
  riskRuleSetHistoryItem: true,
  riskFact: true,
  riskTestResult: true,
  complianceSettings: true,
  complianceSettingsInput: true,
  sealVerification: true,
  signingTemplateSummary: true,
  signingTemplate: true,
  placedField: true,
  envelope: true,
  signingEvent: true,
  kpiReport: true,
  kpiComparison: true,
  funnel: true,
  journey: true,
  journeyEvent: true,
  journeyDetail: true,
  customerTimeline: true,
  journeyMap: true,
  journeyDefinitionItem: true,
  journeyDefinitions: true,
  journeyDefinitionInput: true,
  eventImport: true,
  eventImportSummary: true,
};
