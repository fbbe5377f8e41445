/**
 * The signer's API (/api/v1/public/signing, contract "Customer (public) HTTP API"). The link token
 * is the credential, sent as `Authorization: Bearer` on every call; cookieless.
 */

export type SignerRole = "applicant" | "co_applicant" | "guarantor";
export type SignerStatus = "waiting" | "sent" | "viewed" | "consented" | "signed" | "declined";
export type EnvelopeStatus = "sent" | "completed" | "declined" | "voided" | "expired";

export type DocumentBlock =
  | { type: "heading"; text: string }
  | { type: "paragraph"; text: string }
  | { type: "list"; items: string[] }
  | { type: "table"; rows: Array<{ label: string; value: string }> }
  | { type: "signatures"; signers: Array<{ role: SignerRole; name: string }> };

export interface SignerField {
  id: string;
  kind: "signature" | "initials" | "name" | "date" | "text" | "checkbox";
  label: string;
  required: boolean;
  page: number;
}

export interface SignerDocument {
  id: string;
  name: string;
  pageCount: number;
  /** Built-in documents: the reading view; null for uploaded PDFs (shown as pages). */
  blocks: DocumentBlock[] | null;
  fields: SignerField[];
  /** Not in the contract: when present, the document's own language (else the signer's). */
  language?: string;
}

export interface OtpState {
  channel: "sms" | "email";
  sentTo: string;
  resendAfterSeconds: number;
}

export interface SignerView {
  envelopeId: string;
  bank: { name: string; slug: string };
  language: string;
  status: SignerStatus;
  envelopeStatus: EnvelopeStatus;
  signer: { name: string; role: SignerRole; contact: { sms: string | null; email: string | null } };
  consent: { version: string; title: string; sections: Array<{ heading: string; text: string }>; accepted: boolean };
  authenticated: boolean;
  otp: OtpState | null;
  documents: SignerDocument[];
  waitingFor: string[];
  expiresAt: string;
}

export interface OtpSent extends OtpState {
  expiresAt: string;
}

export interface ProblemItem {
  path: string;
  code?: string;
  message?: string;
  params?: Record<string, string | number>;
}

/** A problem+json answer, or `offline` (status 0) when the request never got an answer. */
export class SignError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly errors: ProblemItem[] = [],
    readonly retryAfter: number | null = null,
    readonly detail: string | null = null,
  ) {
    super(code);
  }
  get offline(): boolean {
    return this.status === 0;
  }
}

const BASE = "/api/v1/public/signing";

async function send(token: string, method: string, path: string, body?: unknown, accept = "application/json"): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method,
      headers: { accept, authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "omit",
      cache: "no-store",
    });
  } catch {
    throw new SignError(0, "offline");
  }
  if (res.ok) return res;
  let p: { code?: string; errors?: ProblemItem[]; detail?: string } = {};
  try {
    p = JSON.parse(await res.text());
  } catch {
    // a proxy's page: the status says enough
  }
  const retry = res.headers.get("retry-after");
  const code = p.code ?? (res.status >= 500 ? "internal_error" : "bad_request");
  throw new SignError(res.status, code, Array.isArray(p.errors) ? p.errors : [], retry && /^\d+$/.test(retry) ? Number(retry) : null, p.detail ?? null);
}

const json = async <T>(res: Promise<Response>): Promise<T> => (await (await res).json()) as T;

export type SignatureBody = { kind: "drawn"; image: string } | { kind: "typed"; text: string };

export const signApi = {
  view: (t: string) => json<SignerView>(send(t, "GET", "")),
  consent: (t: string, version: string) => json<SignerView>(send(t, "POST", "/consent", { version, accept: true })),
  otp: (t: string, channel?: "sms" | "email") => json<OtpSent>(send(t, "POST", "/otp", channel ? { channel } : {})),
  verify: (t: string, code: string) => json<SignerView>(send(t, "POST", "/otp/verify", { code })),
  sign: (t: string, signature: SignatureBody, fields: Record<string, string | boolean>) => json<SignerView>(send(t, "POST", "/sign", { signature, fields })),
  decline: (t: string, reason: string) => json<SignerView>(send(t, "POST", "/decline", { reason })),
  document: async (t: string, id: string) => (await send(t, "GET", `/documents/${encodeURIComponent(id)}`, undefined, "application/pdf")).blob(),
};

/** A signer's copy of the signed, sealed documents (copy-contract.md): the link the completion message carries. */
export interface CopyView {
  envelopeId: string;
  bank: { name: string; slug: string };
  language: string;
  signer: { name: string; role: SignerRole; contact: { sms: string | null; email: string | null } };
  /** A code confirmed in the last 30 minutes: the documents download. */
  authenticated: boolean;
  otp: OtpState | null;
  documents: Array<{ id: string; name: string; language: string; signedSha256: string }>;
  completedAt: string;
  availableUntil: string;
}

export const copyApi = {
  view: (t: string) => json<CopyView>(send(t, "GET", "/copy")),
  otp: (t: string, channel?: "sms" | "email") => json<OtpSent>(send(t, "POST", "/copy/otp", channel ? { channel } : {})),
  verify: (t: string, code: string) => json<CopyView>(send(t, "POST", "/copy/otp/verify", { code })),
  document: async (t: string, id: string) => (await send(t, "GET", `/copy/documents/${encodeURIComponent(id)}`, undefined, "application/pdf")).blob(),
};
