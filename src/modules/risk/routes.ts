/**
 * Risk rules (versioned; the newest is active), the editor's "try it" against one application, and
 * the bank's compliance settings (screening bands, retention). A rule set with problems is 422
 * rules_invalid with every problem's path (`body.definition.rules.2.when.fact`).
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { inTransaction } from "../../db";
import { can } from "../../kernel/access";
import { notFound } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { AppEnv } from "../../server/env";
import { auditContext, need } from "../../server/guard";
import { conflictError, jsonBody, jsonContent, notFoundError, ProblemSchema, security, standardErrors, z } from "../../server/openapi";
import { applicationForActor } from "../onboarding/store";
import { evaluateRules } from "./evaluate";
import { gatherFacts } from "./facts";
import { FACTS } from "./rules";
import { PutRules, RiskRules, RuleSetVersion, Settings, SettingsInput, TestResult, TestRules } from "./schemas";
import { getComplianceSettings, saveComplianceSettings } from "./settings";
import { activeRuleSet, assertRules, publishRuleSet, ruleSetHistory, ruleSetVersion } from "./versions";

const tags = ["Compliance"];
const RulesInvalid = { 422: { description: "The rule set has problems (rules_invalid; `errors` lists them with paths into the definition)", content: { "application/problem+json": { schema: ProblemSchema } } } };
const VersionParam = z.object({ version: z.string().max(64).openapi({ param: { name: "version", in: "path" }, description: "1, 2, …" }) });
const FACT_LIST = Object.entries(FACTS).map(([name, f]) => ({ name, type: f.type, values: f.values ? [...f.values] : null, description: f.description }));

export function riskRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({ method: "get", path: "/risk/rules", tags, summary: "The active risk rule set, its version history and the facts rules may use", security, responses: { 200: jsonContent(RiskRules), ...standardErrors } }),
    async (c) => {
      const actor = need(c, "risk:read");
      const active = await activeRuleSet(deps.db, actor.tenantId, deps.clock.now());
      return c.json({ active, versions: await ruleSetHistory(deps.db, actor.tenantId), facts: FACT_LIST }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/risk/rules",
      tags,
      summary: "Save a new version of the rule set (versions never change; it applies to assessments from now on)",
      security,
      request: { body: jsonBody(PutRules) },
      responses: { 200: jsonContent(RuleSetVersion), ...standardErrors, ...conflictError, ...RulesInvalid },
    }),
    async (c) => {
      const actor = need(c, "risk:write");
      const body = c.req.valid("json");
      return c.json(await publishRuleSet(deps.db, auditContext(c, deps.clock.now()), actor.tenantId, { definition: body.definition, note: body.note || null }), 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/risk/rules/versions/{version}", tags, summary: "One version of the rule set", security, request: { params: VersionParam }, responses: { 200: jsonContent(RuleSetVersion), ...standardErrors, ...notFoundError } }),
    async (c) => {
      const actor = need(c, "risk:read");
      const version = c.req.valid("param").version;
      if (!/^[1-9]\d{0,8}$/.test(version)) throw notFound("Rule set version");
      return c.json(await ruleSetVersion(deps.db, actor.tenantId, Number(version)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/risk/rules/test",
      tags,
      summary: "Evaluate a draft (or the active rule set) against one application without storing anything: its facts and the rules that match",
      security,
      request: { body: jsonBody(TestRules) },
      responses: { 200: jsonContent(TestResult), ...standardErrors, ...notFoundError, ...RulesInvalid },
    }),
    async (c) => {
      const actor = need(c, "risk:read");
      const body = c.req.valid("json");
      const now = deps.clock.now();
      const draft = body.definition === undefined ? null : assertRules(body.definition);
      const application = await applicationForActor(deps.db, actor, body.applicationId);
      const set = draft ? { version: null, definition: draft } : await activeRuleSet(deps.db, actor.tenantId, now);
      const facts = await gatherFacts(deps.db, application, now);
      const ev = evaluateRules(set.definition, facts);
      return c.json({ rulesVersion: set.version, score: ev.score, level: ev.level, eddRequired: application.edd_required || ev.level === "high", matched: ev.matched, facts }, 200);
    },
  );

  app.openapi(
    createRoute({ method: "get", path: "/compliance/settings", tags, summary: "Screening bands and retention periods (compliance:read or retention:manage)", security, responses: { 200: jsonContent(Settings), ...standardErrors } }),
    async (c) => {
      const actor = c.get("actor");
      const allowed = actor && (can(actor, "compliance:read") || can(actor, "retention:manage")) ? actor : need(c, "compliance:read");
      return c.json(await getComplianceSettings(deps.db, allowed.tenantId), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/compliance/settings",
      tags,
      summary: "Replace the screening bands and retention periods (audited)",
      security,
      request: { body: jsonBody(SettingsInput) },
      responses: { 200: jsonContent(Settings), ...standardErrors },
    }),
    async (c) => {
      const actor = need(c, "retention:manage");
      const body = c.req.valid("json");
      return c.json(await inTransaction(deps.db, (trx) => saveComplianceSettings(trx, auditContext(c, deps.clock.now()), actor.tenantId, body)), 200);
    },
  );

  return app;
}
