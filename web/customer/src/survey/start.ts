/**
 * Where a visit picks up: what its address says, then (once the survey is loaded) a personal
 * invitation link (`?t=`), a response this browser kept (localStorage), or nothing yet (the first
 * answer starts a response). Decides only; the page takes over the response and shows what follows.
 */
import type { SurveyDefinition } from "../../../../src/modules/feedback/definition/types";
import type { Messages } from "../i18n";
import { type ApiError, api, type RespondResult, type ResponseOut } from "./api";
import { firstAnswer } from "./checks";
import * as storage from "./storage";
import type { Ref } from "./sync";

const decode = (part: string) => {
  try {
    return decodeURIComponent(part);
  } catch {
    return "";
  }
};
// /c/{slug}/s/{surveyId}
export const [, , , , surveyId = ""] = location.pathname.split("/").map(decode);
export const params = new URLSearchParams(location.search);
export const embedded = params.get("embed") === "1";
const CHANNELS = ["link", "qr", "embed", "email", "sms", "api"];
/** How the respondent came (`?ch=`), for the start of a response. */
export const channel = CHANNELS.includes(params.get("ch") ?? "") ? (params.get("ch") as string) : embedded ? "embed" : "link";
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Opening =
  /** No response yet: the first answer starts one. */
  | { kind: "new" }
  /** A response the server holds, to take over (it may have ended meanwhile). */
  | { kind: "resumed"; response: ResponseOut; ref: Ref }
  /** The invitation's response has already ended, or the survey's quota is full. */
  | { kind: "ended"; result: RespondResult | null; quota?: boolean }
  | { kind: "message"; title: keyof Messages; text: keyof Messages; retry?: boolean };

export interface Visit {
  surveyId: string;
  definition: SurveyDefinition;
  /** The personal-link token (`?t=`), if any. */
  token: string | null;
  /** `?a=`: the first question's answer from an email invitation, if any. */
  answer: string | null;
  /** The language asked for in the URL (when the survey offers it). */
  language: string | null;
}

async function resume(saved: Ref): Promise<Opening> {
  const r = await api.response(saved.id, saved.token);
  return { kind: "resumed", response: r, ref: { id: r.id, token: saved.token } };
}

export async function openResponse(v: Visit): Promise<Opening> {
  const { surveyId, token } = v;
  try {
    const mine = storage.loadSaved(surveyId);
    if (token && mine?.via === token) {
      // Reloading a personal link: resume, so `?a=` does not overwrite a changed first answer.
      const resumed = await resume({ id: mine.responseId, token: mine.token }).catch(() => null);
      if (resumed) return resumed;
    }
    if (token) {
      const r = await api.invitation(token, { language: v.language ?? undefined, answers: firstAnswer(v.definition, v.answer) });
      if (r.finished || !r.resumeToken) return { kind: "ended", result: r };
      storage.save(surveyId, { responseId: r.id, token: r.resumeToken, via: token });
      return await resume({ id: r.id, token: r.resumeToken });
    }
    const saved = storage.loadSaved(surveyId);
    if (saved) {
      try {
        return await resume({ id: saved.responseId, token: saved.token });
      } catch (err) {
        if ((err as ApiError).status !== 404) throw err;
        storage.forget(surveyId); // finished elsewhere, erased, or the token is stale: start afresh
      }
    }
    return { kind: "new" };
  } catch (err) {
    const e = err as ApiError;
    if (e.code === "link_used") return { kind: "message", title: "usedTitle", text: "usedText" };
    if (e.code === "token_expired") return { kind: "message", title: "invalidTitle", text: "expiredText" };
    if (e.code === "survey_closed") return { kind: "message", title: "closedTitle", text: "closedText" };
    if (e.code === "quota_full") return { kind: "ended", result: null, quota: true };
    if (e.status === 404) return { kind: "message", title: "invalidTitle", text: "invalidLink" };
    return { kind: "message", title: "invalidTitle", text: e.offline ? "networkError" : e.code === "rate_limited" ? "rateLimited" : "errServer", retry: true };
  }
}
