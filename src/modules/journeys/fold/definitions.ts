/**
 * A bank's journey definitions (journey_definitions), read loosely: the definitions API validates
 * what it stores, but the fold must never stop on a row it cannot use. A row that is not a usable
 * definition falls back to DEFAULT_DEFINITION for its product (and is logged); a missing or bad
 * optional field takes the default's value.
 */
import type { Executor } from "../../../db";
import { DEFAULT_DEFINITION, type JourneyDefinition, type TouchpointRule } from "../model/definition";

type Log = (fields: Record<string, unknown>, message: string) => void;
type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const positive = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : fallback);
const strings = (v: unknown, fallback: string[]) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : fallback);

function stringRecord(v: Obj): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== "string" || !x) return null;
    out[k] = x;
  }
  return out;
}

/** The definition stored for `product`, or null when it cannot be used. */
export function parseDefinition(product: string, raw: unknown): JourneyDefinition | null {
  if (!isObj(raw) || !isObj(raw.milestones) || !Array.isArray(raw.touchpoints)) return null;
  const milestones = stringRecord(raw.milestones);
  if (!milestones) return null;
  const touchpoints: TouchpointRule[] = [];
  for (const t of raw.touchpoints) {
    if (!isObj(t) || typeof t.event !== "string" || !t.event) return null;
    touchpoints.push({
      event: t.event,
      ...(typeof t.channel === "string" && t.channel ? { channel: t.channel } : {}),
      ...(typeof t.label === "string" ? { label: t.label } : {}),
    });
  }
  const sla: Record<string, number> = {};
  if (isObj(raw.slaHours)) for (const [k, v] of Object.entries(raw.slaHours)) if (typeof v === "number" && Number.isFinite(v) && v >= 0) sla[k] = v;
  return {
    product,
    name: typeof raw.name === "string" ? raw.name : DEFAULT_DEFINITION.name,
    milestones,
    touchpoints,
    stages: strings(raw.stages, DEFAULT_DEFINITION.stages),
    steps: strings(raw.steps, DEFAULT_DEFINITION.steps),
    inactivityDays: positive(raw.inactivityDays, DEFAULT_DEFINITION.inactivityDays),
    conversionWindowDays: positive(raw.conversionWindowDays, DEFAULT_DEFINITION.conversionWindowDays),
    slaHours: isObj(raw.slaHours) ? sla : DEFAULT_DEFINITION.slaHours,
  };
}

/** product → definition for one bank ('*' = every product without its own); use with definitionFor. */
export async function loadDefinitions(db: Executor, tenantId: string, log?: Log): Promise<Map<string, JourneyDefinition>> {
  const rows = await db.selectFrom("journey_definitions").select(["product", "definition"]).where("tenant_id", "=", tenantId).execute();
  const out = new Map<string, JourneyDefinition>();
  for (const r of rows) {
    const def = parseDefinition(r.product, r.definition);
    if (!def) log?.({ tenantId, product: r.product }, "journey definition unusable; the default definition applies to this product");
    out.set(r.product, def ?? { ...DEFAULT_DEFINITION, product: r.product });
  }
  return out;
}
