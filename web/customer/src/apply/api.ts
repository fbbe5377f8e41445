/**
 * The customer's application API (public, cookieless: `credentials: "omit"`). The session is a
 * Bearer token the page keeps in sessionStorage (see session.ts).
 */
import type { Answers, FlowDefinition, Text } from "../../../../src/modules/onboarding/flow/types";

export interface Bank {
  slug: string;
  name: string;
}

export interface LinkInfo {
  bank: Bank;
  product: string;
  productTitle: Text;
  language: string;
  languages: string[];
  otpChannels: ("sms" | "email")[];
  destination: { sms?: string; email?: string };
  purpose: "apply" | "reupload" | "welcome";
}

export interface Progress {
  index: number;
  total: number;
  minutesLeft: number;
}

export interface Doc {
  id: string;
  fieldId: string;
  kind: string;
  fileName: string;
  contentType: string;
  size: number;
  status: "uploaded" | "accepted" | "rejected" | "replaced" | "removed";
  rejectReason: string | null;
  uploadedAt: string;
}

export interface Payment {
  id: string;
  step: string;
  purpose: "deposit" | "fee";
  amount: string;
  currency: string;
  status: "approved" | "declined";
  transactionId: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  declineCode: string | null;
  createdAt: string;
}

export interface InfoItem {
  step?: string;
  field?: string;
  note: string;
}

export interface WelcomeItem {
  id: string;
  label: Text;
  help?: Text | null;
  url?: string | null;
  doneAt: string | null;
}

export type Status = "created" | "in_progress" | "abandoned" | "submitted" | "info_requested" | "approved" | "rejected" | "funded" | "cancelled";

export interface CustomerView {
  id: string;
  reference: string;
  status: Status;
  product: string;
  language: string;
  bank: Bank;
  definition: FlowDefinition;
  answers: Answers;
  completedSteps: string[];
  currentStep: string | null;
  currentField: string | null;
  progress: Progress;
  documents: Doc[];
  payments: Payment[];
  infoRequested: InfoItem[];
  focus: { step: string | null; field: string | null } | null;
  welcome: WelcomeItem[];
}

export interface ProblemItem {
  path: string;
  code?: string;
  message?: string;
  params?: Record<string, string | number>;
}

/** A problem+json answer, or `offline` (status 0) when the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: ProblemItem[] = [],
    /** Seconds, from Retry-After (429, 423). */
    readonly retryAfter: number | null = null,
  ) {
    super(code);
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

const BASE = "/api/v1/public";

interface CallOpts {
  body?: unknown;
  token?: string | null;
  raw?: Blob;
  fileName?: string;
  keepalive?: boolean;
  /** Upload progress (0…1): uses XMLHttpRequest, which reports it; fetch does not. */
  onProgress?: (share: number) => void;
}

function problem(status: number, text: string, retryAfter: string | null): ApiError {
  let p: { code?: string; errors?: ProblemItem[] } = {};
  try {
    p = JSON.parse(text);
  } catch {
    // not JSON: a proxy's page; the status says enough
  }
  const retry = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  return new ApiError(status, p.code ?? (status >= 500 ? "internal_error" : "bad_request"), Array.isArray(p.errors) ? p.errors : [], retry);
}

function headersOf(opts: CallOpts): Record<string, string> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.raw) headers["content-type"] = opts.raw.type || "application/octet-stream";
  else if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.fileName) headers["x-file-name"] = encodeURIComponent(opts.fileName);
  return headers;
}

function xhr<T>(method: string, url: string, opts: CallOpts): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = new XMLHttpRequest();
    req.open(method, url);
    req.withCredentials = false;
    for (const [k, v] of Object.entries(headersOf(opts))) req.setRequestHeader(k, v);
    req.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    req.onerror = () => reject(new ApiError(0, "offline"));
    req.onload = () => {
      if (req.status >= 200 && req.status < 300) resolve((req.responseText ? JSON.parse(req.responseText) : null) as T);
      else reject(problem(req.status, req.responseText, req.getResponseHeader("retry-after")));
    };
    req.send(opts.raw ?? null);
  });
}

async function call<T>(method: string, path: string, opts: CallOpts = {}): Promise<T> {
  if (opts.onProgress) return xhr<T>(method, `${BASE}${path}`, opts);
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers: headersOf(opts),
      body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
      credentials: "omit",
      cache: "no-store",
      keepalive: opts.keepalive === true,
    });
  } catch {
    throw new ApiError(0, "offline");
  }
  const text = await res.text();
  if (!res.ok) throw problem(res.status, text, res.headers.get("retry-after"));
  return (text ? JSON.parse(text) : null) as T;
}

const enc = encodeURIComponent;

export interface SaveResult {
  saved: string[];
  progress: Progress;
  currentStep: string | null;
  currentField: string | null;
  /** Saved, but worth a second look (a disposable email), in the application's language. */
  warnings?: Array<{ path: string; code: string; message: string }>;
}

export interface SaveBody {
  answers?: Record<string, unknown>;
  at?: { step: string; field?: string };
  language?: string;
}

export interface Card {
  number: string;
  expiry: string;
  cvc: string;
  name: string;
}

export const api = {
  products: (slug: string) => call<{ bank: Bank; items: { id: string; title: Text; description: Text | null; minutes: number }[] }>("GET", `/banks/${enc(slug)}/products`),
  start: (slug: string, body: { product: string; name: string; email?: string; phone?: string; language?: string }) =>
    call<{ token: string }>("POST", `/banks/${enc(slug)}/applications`, { body }),
  link: (token: string) => call<LinkInfo>("GET", `/applications/link/${enc(token)}`),
  sendCode: (token: string, channel?: "sms" | "email") =>
    call<{ channel: "sms" | "email"; to: string; expiresAt: string; resendAfterSeconds: number }>("POST", `/applications/link/${enc(token)}/otp`, { body: channel ? { channel } : {} }),
  verify: (token: string, code: string) => call<{ sessionToken: string; applicationId: string; expiresAt: string }>("POST", `/applications/link/${enc(token)}/session`, { body: { code } }),
  me: (s: string) => call<CustomerView>("GET", "/applications/me", { token: s }),
  save: (s: string, body: SaveBody, keepalive = false) => call<SaveResult>("PATCH", "/applications/me/answers", { token: s, body, keepalive }),
  viewStep: (s: string, step: string) => call<null>("POST", `/applications/me/steps/${enc(step)}/view`, { token: s }),
  complete: (s: string, step: string) => call<{ completedSteps: string[]; progress: Progress; next: string | null }>("POST", `/applications/me/steps/${enc(step)}/complete`, { token: s }),
  submit: (s: string) => call<{ status: "submitted"; reference: string }>("POST", "/applications/me/submit", { token: s }),
  logout: (s: string) => call<null>("POST", "/applications/me/logout", { token: s, keepalive: true }),
  upload: (s: string, field: string, file: Blob, fileName: string, onProgress: (share: number) => void) =>
    call<Doc>("POST", `/applications/me/documents?field=${enc(field)}`, { token: s, raw: file, fileName, onProgress }),
  removeDoc: (s: string, id: string) => call<null>("DELETE", `/applications/me/documents/${enc(id)}`, { token: s }),
  pay: (s: string, step: string, card: Card) => call<Payment>("POST", "/applications/me/payments", { token: s, body: { step, card } }),
  welcome: (s: string, item: string, done: boolean) => call<{ welcome: WelcomeItem[] }>("POST", `/applications/me/welcome/${enc(item)}`, { token: s, body: { done } }),
};
