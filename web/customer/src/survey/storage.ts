/**
 * Where the resume token lives: localStorage (one key per survey) when the browser allows it,
 * else memory (a private window, storage blocked in an iframe). No cookies, ever.
 */
export interface Saved {
  responseId: string;
  token: string;
  /** The personal-link token the response came from, if any. */
  via?: string;
}

const memory = new Map<string, string>();
const keyOf = (surveyId: string) => `atrium.survey.${surveyId}`;

function store(): Storage | null {
  try {
    const s = window.localStorage;
    const probe = "atrium.probe";
    s.setItem(probe, "1");
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

export function loadSaved(surveyId: string): Saved | null {
  const raw = store()?.getItem(keyOf(surveyId)) ?? memory.get(keyOf(surveyId)) ?? null;
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Saved>;
    if (typeof v.responseId !== "string" || typeof v.token !== "string") return null;
    return { responseId: v.responseId, token: v.token, ...(typeof v.via === "string" ? { via: v.via } : {}) };
  } catch {
    return null;
  }
}

export function save(surveyId: string, saved: Saved): void {
  const raw = JSON.stringify(saved);
  const s = store();
  if (s) s.setItem(keyOf(surveyId), raw);
  else memory.set(keyOf(surveyId), raw);
}

export function forget(surveyId: string): void {
  store()?.removeItem(keyOf(surveyId));
  memory.delete(keyOf(surveyId));
}
