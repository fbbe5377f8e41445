import { ApiError, exchangeFile, get, post, request } from "./client";
import type { Envelope, EnvelopeAuditTrail, EnvelopeInput, Problem, SealVerification, Template, TemplateSummary, TemplateUpdate } from "./types";

const enc = encodeURIComponent;
const BASE = "/api/v1";

/** A file the API answers to a GET (a PDF, a CSV): refusals become the usual ApiError. */
async function getFile(path: string, accept: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, { headers: { accept: `${accept}, application/problem+json` }, credentials: "same-origin" });
  } catch (err) {
    throw new ApiError("network_error", 0, err instanceof Error ? err.message : "network error");
  }
  if (!res.ok) {
    let problem: Partial<Problem> = {};
    try {
      problem = (await res.json()) as typeof problem;
    } catch {
      // not a problem document
    }
    const code = (typeof problem.code === "string" ? problem.code : "unexpected_response") as ApiError["code"];
    throw new ApiError(code, res.status, problem.detail ?? `HTTP ${res.status}`, problem);
  }
  return res.blob();
}

/** The file as a download named `name` (an object URL released once the click is done). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const signing = {
  /** The same PDF with the bank's electronic seal (PAdES B-B). */
  seal: (pdf: Blob) => exchangeFile("/signing/seal", pdf, "application/pdf"),
  /** What the public check says of a PDF. */
  verify: async (pdf: Blob): Promise<SealVerification> => JSON.parse(await (await exchangeFile("/signing/verify", pdf, "application/pdf")).text()) as SealVerification,

  // Templates (flows:read to read, signing:templates to change)
  templates: () => get<{ items: TemplateSummary[] }>("/signing/templates"),
  template: (key: string) => get<Template>(`/signing/templates/${enc(key)}`),
  preview: (key: string, language: string) => getFile(`/signing/templates/${enc(key)}/preview?language=${enc(language)}`, "application/pdf"),
  templatePdf: (key: string) => getFile(`/signing/templates/${enc(key)}/pdf`, "application/pdf"),
  upload: async (pdf: Blob, meta: { name: string; language: string; product: string | null }): Promise<Template> => {
    const q = new URLSearchParams({ name: meta.name, language: meta.language });
    if (meta.product) q.set("product", meta.product);
    return JSON.parse(await (await exchangeFile(`/signing/templates?${q.toString()}`, pdf, "application/pdf")).text()) as Template;
  },
  updateTemplate: (key: string, patch: TemplateUpdate) => request<Template>("PUT", `/signing/templates/${enc(key)}`, { body: patch }),

  // Envelopes (applications:read to read, signing:send to act)
  envelopes: (applicationId: string) => get<{ items: Envelope[] }>(`/applications/${enc(applicationId)}/envelopes`),
  send: (applicationId: string, input: EnvelopeInput) => post<Envelope>(`/applications/${enc(applicationId)}/envelopes`, input),
  envelope: (id: string) => get<Envelope>(`/envelopes/${enc(id)}`),
  void: (id: string, reason: string) => post<Envelope>(`/envelopes/${enc(id)}/void`, { reason }),
  remind: (id: string) => post<Envelope>(`/envelopes/${enc(id)}/remind`),
  retrySeal: (id: string) => post<Envelope>(`/envelopes/${enc(id)}/seal`),
  document: (id: string, documentId: string, version: "original" | "signed") =>
    getFile(`/envelopes/${enc(id)}/documents/${enc(documentId)}?version=${version}`, "application/pdf"),
  auditTrail: (id: string) => get<EnvelopeAuditTrail>(`/envelopes/${enc(id)}/audit-trail`, { format: "json" }),
  auditTrailCsv: (id: string) => getFile(`/envelopes/${enc(id)}/audit-trail?format=csv`, "text/csv"),
};
