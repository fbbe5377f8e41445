/** What leaves the server about surveys and responses: the only place deciding the JSON shapes. */
import { type Actor, can } from "../../kernel/access";
import type { Ending, SurveyDefinition } from "./definition/types";
import { type DefinitionProblem, type EvalContext, localize, pipe } from "./logic";
import { isError, type SurveyRow } from "./surveys";

export type SurveyAction = "edit" | "publish" | "close" | "reopen" | "delete";

export function surveyActions(s: SurveyRow, actor: Actor, hasResponses: boolean): SurveyAction[] {
  if (!can(actor, "surveys:write")) return [];
  const out: SurveyAction[] = ["edit"];
  if (s.draft_changed || s.published_version === null) out.push("publish");
  if (s.status === "published") out.push("close");
  if (s.status === "closed") out.push("reopen");
  if (!hasResponses) out.push("delete");
  return out;
}

export const presentSurveySummary = (s: SurveyRow) => ({
  id: s.id,
  name: s.name,
  status: s.status,
  draftChanged: s.draft_changed,
  publishedVersion: s.published_version,
  template: s.template,
  createdAt: s.created_at.toISOString(),
  updatedAt: s.updated_at.toISOString(),
});

export function presentSurvey(s: SurveyRow, opts: { slug: string; actor: Actor; hasResponses: boolean; problems: DefinitionProblem[] }) {
  return {
    ...presentSurveySummary(s),
    draft: s.draft,
    problems: opts.problems.map((p) => ({ path: p.path, code: p.code, message: p.message, severity: isError(p) ? ("error" as const) : ("warning" as const) })),
    closedAt: s.closed_at ? s.closed_at.toISOString() : null,
    links: { public: `/c/${opts.slug}/s/${s.id}` },
    actions: surveyActions(s, opts.actor, opts.hasResponses),
  };
}

/** The published definition for the respondent page: quotas are internal. */
export function publicDefinition(def: SurveyDefinition): Omit<SurveyDefinition, "quotas"> {
  const { quotas: _q, ...rest } = def;
  return rest;
}

export interface PresentedEnding {
  id: string;
  title: string;
  text?: string;
  redirectUrl?: string;
}

/** An ending in the response's language, with piping resolved. */
export function presentEnding(ending: Ending | null, ctx: EvalContext): PresentedEnding | null {
  if (!ending) return null;
  const text = ending.text ? pipe(localize(ending.text, ctx.language, ctx.definition), ctx) : undefined;
  return {
    id: ending.id,
    title: pipe(localize(ending.title, ctx.language, ctx.definition), ctx),
    ...(text !== undefined ? { text } : {}),
    ...(ending.redirectUrl ? { redirectUrl: ending.redirectUrl } : {}),
  };
}
