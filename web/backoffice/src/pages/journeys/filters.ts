import { journeyQuery } from "../../api/journeys";
import { JOURNEY_STATUSES, type JourneyFilters, type JourneyStatus } from "../../api/types-journeys";
import { navigate } from "../../router";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TEXT = ["product", "channel", "branch", "region", "agent", "segment"] as const;
const isStatus = (v: string | null): v is JourneyStatus => (JOURNEY_STATUSES as readonly (string | null)[]).includes(v);

/**
 * The filters kept in the page's URL, under the API's own parameter names, so a filtered view can
 * be bookmarked and shared and "back" returns to it.
 */
export function readJourneyFilters(q: URLSearchParams): JourneyFilters {
  const f: JourneyFilters = {};
  const from = q.get("from");
  const to = q.get("to");
  if (from && DATE.test(from)) f.from = from;
  if (to && DATE.test(to)) f.to = to;
  const status = q.get("status");
  if (isStatus(status)) f.status = status;
  for (const key of TEXT) {
    const v = q.get(key)?.trim();
    if (v) f[key] = v;
  }
  return f;
}

/** Replaces the filters in the URL of `path` (the page re-reads them from there). */
export function applyJourneyFilters(path: string, f: JourneyFilters, keep: Record<string, string> = {}): void {
  const qs = new URLSearchParams({ ...keep, ...journeyQuery(f) }).toString();
  navigate(qs ? `${path}?${qs}` : path, { replace: true });
}

export const countJourneyFilters = (f: JourneyFilters): number => Object.keys(journeyQuery(f)).length;
