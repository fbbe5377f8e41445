import type { SurveyDefinition } from "./definition/types";

/** Hidden fields that tie a response to a journey and its touchpoint (set by journey-event triggers). */
const JOURNEY_HIDDEN = ["journeyId", "product", "segment", "agentId", "touchpoint"] as const;

/**
 * The payload of `survey.response_completed`: the score answers by question id, the first NPS,
 * CSAT and CES answers as `scores` (what journey analytics folds), and the hidden fields that tie
 * the response to a journey. Nothing else of the answers leaves the feedback module.
 */
export function completedPayload(
  def: SurveyDefinition,
  r: { id: string; survey_id: string; version: number; contact_id: string | null; invitation_id: string | null; channel: string; language: string },
  answers: Record<string, unknown>,
  hidden: Record<string, string> = {},
) {
  const byId: Record<string, unknown> = {};
  const scores: Record<string, number> = {};
  for (const q of def.questions) {
    if (q.type !== "nps" && q.type !== "csat" && q.type !== "ces") continue;
    const v = answers[q.id];
    byId[q.id] = v ?? null;
    if (typeof v === "number" && scores[q.type] === undefined) scores[q.type] = v;
  }
  const tie: Record<string, string> = {};
  for (const k of JOURNEY_HIDDEN) if (typeof hidden[k] === "string" && hidden[k].length > 0) tie[k] = hidden[k].slice(0, 200);
  return { surveyId: r.survey_id, responseId: r.id, version: r.version, contactId: r.contact_id, invitationId: r.invitation_id, channel: r.channel, language: r.language, answers: byId, scores, ...tie };
}
