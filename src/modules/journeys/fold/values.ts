/**
 * Reading hostile event values: properties and context are whatever a sender posted (any JSON),
 * so every read goes through these guards. Strings are cut to 200 characters, numbers must be
 * finite, times must parse and fall between 1990 and 2100.
 */
import { type Dims, EMPTY_DIMS } from "../model/cube";
import { normalChannel } from "../model/definition";

export type Obj = Record<string, unknown>;

/** The event as the fold reads it (a journey_events row). */
export interface FoldEvent {
  type: string;
  event: string | null;
  user_id: string | null;
  anonymous_id: string | null;
  occurred_at: Date | string;
  properties: unknown;
  context: unknown;
  message_id?: string;
  source_id?: string;
}

export const MAX_TEXT = 200;

export const obj = (v: unknown): Obj => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});

/** A dimension value: strings and finite numbers (ids sent as numbers), cut to 200; else "". */
export function str(v: unknown): string {
  if (typeof v === "string") return v.slice(0, MAX_TEXT);
  if (typeof v === "number" && Number.isFinite(v)) return String(v).slice(0, MAX_TEXT);
  return "";
}

/** A non-negative finite amount (numbers or numeric strings, as CSV imports may send), else null. */
export function amount(v: unknown): number | null {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n >= 0 && n < 1e9 ? n : null;
}

const MIN_TIME = Date.UTC(1990, 0, 1);
const MAX_TIME = Date.UTC(2100, 0, 1);

/** A time (ISO string or epoch ms) in 1990..2100 as epoch ms, else null. */
export function time(v: unknown): number | null {
  const t = typeof v === "string" ? Date.parse(v) : typeof v === "number" ? v : v instanceof Date ? v.getTime() : Number.NaN;
  return Number.isFinite(t) && t >= MIN_TIME && t < MAX_TIME ? t : null;
}

export const ms = (t: Date | string): number => (t instanceof Date ? t.getTime() : Date.parse(t));
export const iso = (t: number): string => new Date(t).toISOString();
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * Durations are kept in multiples of 1/4096 (of an hour, or of a second for handle times): sums of
 * such numbers are exact in float8 whatever the order of addition, so subtracting an entity's old
 * contribution leaves exactly zero and a rebuild gives bit-for-bit the cube incremental folding gave.
 */
export const quantize = (x: number): number => Math.round(x * 4096) / 4096;

/** The name a touchpoint rule or milestone matches: the track event's name, "page" for page calls. */
export function nameOf(e: FoldEvent): string | null {
  if (e.type === "track") return e.event ? e.event.slice(0, MAX_TEXT) : null;
  if (e.type === "page") return "page";
  return null;
}

/** Events in time order; ties by source and messageId so every fold sees the same order. */
export function inOrder<T extends FoldEvent>(events: readonly T[]): T[] {
  const keyed = events.map((e) => ({ e, t: ms(e.occurred_at) }));
  keyed.sort((a, b) => a.t - b.t || cmp(a.e.source_id, b.e.source_id) || cmp(a.e.message_id, b.e.message_id));
  return keyed.map((k) => k.e);
}
const cmp = (a: string | undefined, b: string | undefined) => ((a ?? "") < (b ?? "") ? -1 : (a ?? "") > (b ?? "") ? 1 : 0);

/** Dimensions a fact outside any journey carries in its own properties. */
export function propertyDims(p: Obj, c: Obj = {}): Dims {
  return {
    ...EMPTY_DIMS,
    product: str(p.product),
    channel: normalChannel(p.channel) || normalChannel(c.channel),
    device: str(p.device) || str(obj(c.device).type),
    segment: str(p.segment),
    region: str(p.regionId),
    branch: str(p.branchId),
    agent: str(p.agentId),
    queue: str(p.queue),
  };
}
