import { get, patch, post, request } from "./client";
import type { Flow, FlowDefinition, FlowPublished, FlowVersionDetail, ProductId, ProductSummary } from "./types";

const enc = encodeURIComponent;

/** Products and their flow drafts, versions and publishing (flows:read / flows:write). */
export const flows = {
  products: () => get<{ items: ProductSummary[] }>("/products").then((list) => list.items),
  get: (product: ProductId) => get<Flow>(`/flows/${enc(product)}`),
  saveDraft: (product: ProductId, definition: FlowDefinition, signal?: AbortSignal) =>
    request<Flow>("PUT", `/flows/${enc(product)}/draft`, { body: { definition }, signal }),
  publish: (product: ProductId) => post<FlowPublished>(`/flows/${enc(product)}/publish`),
  discard: (product: ProductId) => post<Flow>(`/flows/${enc(product)}/discard`),
  update: (product: ProductId, body: { active?: boolean; name?: string }) => patch<Flow>(`/flows/${enc(product)}`, body),
  version: (product: ProductId, version: number) => get<FlowVersionDetail>(`/flows/${enc(product)}/versions/${version}`),
};
