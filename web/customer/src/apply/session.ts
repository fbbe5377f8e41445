/**
 * The customer's session token lives in sessionStorage, per tab and per link: a closed tab asks for
 * a new code. Never localStorage, never a cookie. Memory when storage is blocked.
 */
export interface Kept {
  sessionToken: string;
  applicationId: string;
}

const memory = new Map<string, string>();
const keyOf = (linkToken: string) => `atrium.apply.${linkToken}`;

function store(): Storage | null {
  try {
    const s = window.sessionStorage;
    s.setItem("atrium.probe", "1");
    s.removeItem("atrium.probe");
    return s;
  } catch {
    return null;
  }
}

export function load(linkToken: string): Kept | null {
  const raw = store()?.getItem(keyOf(linkToken)) ?? memory.get(keyOf(linkToken)) ?? null;
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Kept>;
    return typeof v.sessionToken === "string" && typeof v.applicationId === "string" ? { sessionToken: v.sessionToken, applicationId: v.applicationId } : null;
  } catch {
    return null;
  }
}

export function keep(linkToken: string, kept: Kept): void {
  const raw = JSON.stringify(kept);
  const s = store();
  if (s) s.setItem(keyOf(linkToken), raw);
  else memory.set(keyOf(linkToken), raw);
}

export function forget(linkToken: string): void {
  store()?.removeItem(keyOf(linkToken));
  memory.delete(keyOf(linkToken));
}
