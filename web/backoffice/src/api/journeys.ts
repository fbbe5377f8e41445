import { del, get, post, request } from "./client";
import type { PageQuery } from "./endpoints";
import type { Page } from "./types";
import type {
  CustomerTimeline,
  JourneyDefinition,
  JourneyDefinitionItem,
  JourneyDefinitions,
  JourneyDetail,
  JourneyFilters,
  JourneyInstance,
  JourneyMap,
} from "./types-journeys";

const enc = encodeURIComponent;

/** The filters as the API's query parameters (empty ones left out). */
export function journeyQuery(f: JourneyFilters): Record<string, string> {
  const q: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) if (typeof v === "string" && v.trim() !== "") q[k] = v.trim();
  return q;
}

/** Journey instances, a journey's events and a customer's timeline (journeys:read). */
export const journeys = {
  list: (f: JourneyFilters, q: PageQuery) => get<Page<JourneyInstance>>("/journeys", { ...journeyQuery(f), ...q }),
  get: (journeyId: string) => get<JourneyDetail>(`/journeys/${enc(journeyId)}`),
  timeline: (customer: string, q: PageQuery) => get<CustomerTimeline>(`/customers/${enc(customer)}/timeline`, { ...q }),
};

/** Journey maps (kpis:read). */
export const journeyMaps = {
  get: (product: string, f: JourneyFilters) => get<JourneyMap>(`/journey-maps/${enc(product)}`, journeyQuery(f)),
};

/** Journey definitions: kpis:read sees them, journeys:manage changes them. */
export const journeyDefinitions = {
  all: () => get<JourneyDefinitions>("/journey-definitions"),
  /** The product is the path's; the body is the rest of the definition. */
  save: (product: string, { product: _product, ...body }: JourneyDefinition) =>
    request<JourneyDefinitionItem>("PUT", `/journey-definitions/${enc(product)}`, { body }),
  remove: (product: string) => del(`/journey-definitions/${enc(product)}`),
  rebuild: () => post<{ jobId: string }>("/journey-definitions/rebuild"),
};
