import { filterQuery } from "../../api/feedback";
import { COMPLETIONS, type Completion, RESPONSE_CHANNELS, type ResponseChannel, type ResponseFilters } from "../../api/types";
import { navigate } from "../../router";

const isCompletion = (v: string | null): v is Completion => (COMPLETIONS as readonly (string | null)[]).includes(v);
const isChannel = (v: string | null): v is ResponseChannel => (RESPONSE_CHANNELS as readonly (string | null)[]).includes(v);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The filters kept in the page's URL. The URL uses the API's own parameter names (`from`,
 * `hidden.branch`, `answer.q1`…), so a link to a filtered view is also the export's query.
 */
export function readFilters(q: URLSearchParams): ResponseFilters {
  const f: ResponseFilters = {};
  const from = q.get("from");
  const to = q.get("to");
  if (from && DATE.test(from)) f.from = from;
  if (to && DATE.test(to)) f.to = to;
  const completion = q.get("completion");
  if (isCompletion(completion)) f.completion = completion;
  const language = q.get("language");
  if (language) f.language = language;
  const channel = q.get("channel");
  if (isChannel(channel)) f.channel = channel;
  const version = Number(q.get("version"));
  if (q.get("version") && Number.isInteger(version) && version > 0) f.version = version;
  const tag = q.get("tag");
  if (tag) f.tag = tag;
  for (const [key, value] of q) {
    if (!value) continue;
    if (key.startsWith("hidden.")) f.hidden = { ...f.hidden, [key.slice(7)]: value };
    if (key.startsWith("answer.")) f.answer = { ...f.answer, [key.slice(7)]: value };
  }
  return f;
}

/** Replaces the filters in the URL (the page re-reads them from there). */
export function applyFilters(path: string, surveyId: string, f: ResponseFilters): void {
  const params = new URLSearchParams({ id: surveyId, ...filterQuery(f) });
  navigate(`${path}?${params.toString()}`, { replace: true });
}

export function countFilters(f: ResponseFilters): number {
  return Object.keys(filterQuery(f)).length;
}
