import { del, get, patch, post, request } from "./client";
import type { PageQuery } from "./endpoints";
import type {
  Campaign,
  CampaignInput,
  Channel,
  Contact,
  ContactImportResult,
  ContactInput,
  CreatedInvitation,
  EmbedSnippets,
  FeedbackSettings,
  Page,
  ResponseDetail,
  ResponseFilters,
  ResponseListItem,
  ResponseNote,
  SurveyInfo,
  ResultsSummary,
  SurveyVersionInfo,
  Trigger,
  TriggerInput,
} from "./types";

const enc = encodeURIComponent;
const API = "/api/v1";

/** The filters as the API's query parameters (`hidden.branch=…`, `answer.q1=…`). */
export function filterQuery(f: ResponseFilters): Record<string, string> {
  const q: Record<string, string> = {};
  if (f.from) q.from = f.from;
  if (f.to) q.to = f.to;
  if (f.completion && f.completion !== "all") q.completion = f.completion;
  if (f.language) q.language = f.language;
  if (f.channel) q.channel = f.channel;
  if (f.version !== undefined) q.version = String(f.version);
  if (f.tag) q.tag = f.tag;
  if (f.contactId) q.contactId = f.contactId;
  for (const [k, v] of Object.entries(f.hidden ?? {})) if (v) q[`hidden.${k}`] = v;
  for (const [k, v] of Object.entries(f.answer ?? {})) if (v) q[`answer.${k}`] = v;
  return q;
}

/** A same-origin URL the browser can download (the session cookie goes with it). */
export function apiUrl(path: string, query: Record<string, string> = {}): string {
  const qs = new URLSearchParams(query).toString();
  return `${API}${path}${qs ? `?${qs}` : ""}`;
}

export const results = {
  survey: (id: string) => get<SurveyInfo>(`/surveys/${enc(id)}`),
  version: (id: string, version: number) => get<SurveyVersionInfo>(`/surveys/${enc(id)}/versions/${version}`),
  summary: (surveyId: string, f: ResponseFilters) => get<ResultsSummary>(`/surveys/${enc(surveyId)}/summary`, filterQuery(f)),
  responses: (surveyId: string, f: ResponseFilters, q: PageQuery) =>
    get<Page<ResponseListItem>>(`/surveys/${enc(surveyId)}/responses`, { ...filterQuery(f), ...q }),
  exportUrl: (surveyId: string, format: "csv" | "xlsx", f: ResponseFilters) =>
    apiUrl(`/surveys/${enc(surveyId)}/export`, { format, ...filterQuery(f) }),
};

export const responses = {
  get: (id: string) => get<ResponseDetail>(`/responses/${enc(id)}`),
  setTags: (id: string, tags: string[]) => patch<ResponseDetail>(`/responses/${enc(id)}`, { tags }),
  addNote: (id: string, body: string) => post<ResponseNote>(`/responses/${enc(id)}/notes`, { body }),
  fileUrl: (id: string, fileId: string) => apiUrl(`/responses/${enc(id)}/files/${enc(fileId)}`),
  erase: (body: { contactId?: string; email?: string; customerId?: string }) =>
    post<{ deleted: number }>("/responses/erasure", body),
};

export const distribution = {
  qrUrl: (surveyId: string, format: "png" | "svg", lang?: string) =>
    apiUrl(`/surveys/${enc(surveyId)}/qr`, { format, channel: "qr", ...(lang ? { lang } : {}) }),
  embed: (surveyId: string) => get<EmbedSnippets>(`/surveys/${enc(surveyId)}/embed`),
  invite: (surveyId: string, body: { contactIds: string[]; channel?: Channel }) =>
    post<{ items: CreatedInvitation[] }>(`/surveys/${enc(surveyId)}/invitations`, body),
  campaigns: (surveyId: string, q: PageQuery) => get<Page<Campaign>>("/campaigns", { surveyId, ...q }),
  campaign: (id: string) => get<Campaign>(`/campaigns/${enc(id)}`),
  createCampaign: (body: CampaignInput) => post<Campaign>("/campaigns", body),
  triggers: (surveyId: string, q: PageQuery) => get<Page<Trigger>>("/triggers", { surveyId, ...q }),
  createTrigger: (body: TriggerInput) => post<Trigger>("/triggers", body),
  updateTrigger: (id: string, body: Partial<Omit<TriggerInput, "surveyId">>) => patch<Trigger>(`/triggers/${enc(id)}`, body),
};

export const contacts = {
  list: (q: PageQuery & { q?: string; list?: string }) => get<Page<Contact>>("/contacts", { ...q }),
  create: (body: ContactInput) => post<Contact>("/contacts", body),
  update: (id: string, body: ContactInput) => patch<Contact>(`/contacts/${enc(id)}`, body),
  remove: (id: string) => del(`/contacts/${enc(id)}`),
  importCsv: (csv: string) => post<ContactImportResult>("/contacts/import", { csv }),
};

export const feedbackSettings = {
  get: () => get<FeedbackSettings>("/feedback/settings"),
  put: (body: FeedbackSettings) => request<FeedbackSettings>("PUT", "/feedback/settings", { body }),
};
