import { get, post } from "./client";
import type { PageQuery } from "./endpoints";
import type {
  ApplicationCreated,
  ApplicationDetail,
  ApplicationDocument,
  ApplicationFlowInfo,
  ApplicationInput,
  ApplicationLinkSent,
  ApplicationListItem,
  ApplicationListQuery,
  ApplicationLiveProgress,
  ApplicationPerson,
  ApplicationProductInfo,
  DecisionInput,
  DecisionResult,
  Page,
} from "./types";

const enc = encodeURIComponent;

/** The list filters as query parameters (empty ones are dropped by the client). */
export function listQuery(f: ApplicationListQuery): Record<string, string | number | undefined> {
  return {
    status: f.status,
    product: f.product,
    branchId: f.branchId,
    assignee: f.assignee,
    risk: f.risk,
    olderThanHours: f.olderThanHours,
    slaBreached: f.slaBreached ? "true" : undefined,
    q: f.q,
    sort: f.sort,
  };
}

export const applications = {
  products: () => get<{ items: ApplicationProductInfo[] }>("/products"),
  /** The flow version the application keeps (GET /flows/{product}/versions/{version}, flows:read). */
  flowVersion: (product: string, version: number) => get<ApplicationFlowInfo>(`/flows/${enc(product)}/versions/${version}`),
  list: (f: ApplicationListQuery, q: PageQuery) => get<Page<ApplicationListItem>>("/applications", { ...listQuery(f), ...q }),
  create: (body: ApplicationInput) => post<ApplicationCreated>("/applications", body),
  get: (id: string) => get<ApplicationDetail>(`/applications/${enc(id)}`),
  progress: (id: string, signal?: AbortSignal) =>
    get<ApplicationLiveProgress>(`/applications/${enc(id)}/progress`, undefined, signal ? { signal } : {}),
  /** 202 with where the link went and when it expires. */
  sendLink: (id: string, via: "sms" | "email") => post<ApplicationLinkSent | undefined>(`/applications/${enc(id)}/link`, { via }),
  revoke: (id: string) => post<ApplicationDetail>(`/applications/${enc(id)}/revoke`),
  cancel: (id: string, reason: string) => post<ApplicationDetail>(`/applications/${enc(id)}/cancel`, { reason }),
  assign: (id: string, assigneeId: string | null) =>
    post<{ id: string; assignee: ApplicationPerson | null }>(`/applications/${enc(id)}/assign`, { assigneeId }),
  decide: (id: string, body: DecisionInput) => post<DecisionResult>(`/applications/${enc(id)}/decision`, body),
  funded: (id: string, body: { accountNumber?: string }) =>
    post<{ id: string; status: "funded"; fundedAt: string }>(`/applications/${enc(id)}/funded`, body),
  documentUrl: (id: string, documentId: string) => `/api/v1/applications/${enc(id)}/documents/${enc(documentId)}`,
  acceptDocument: (id: string, documentId: string) =>
    post<ApplicationDocument>(`/applications/${enc(id)}/documents/${enc(documentId)}/accept`),
  rejectDocument: (id: string, documentId: string, reason: string) =>
    post<ApplicationDocument>(`/applications/${enc(id)}/documents/${enc(documentId)}/reject`, { reason }),
};
