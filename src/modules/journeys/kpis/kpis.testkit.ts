/**
 * Test helpers of the KPI engine: imagined facts (journeys, contacts, requests, answers,
 * customers) turned into kpi_cube and kpi_margin rows the way model/cube.ts describes, and the
 * KPIs those facts should give, computed straight from the facts (not from the rollups).
 */
import type { Db } from "../../../db";
import { HOURS, type Layout, one, quantile, SECONDS, shareBelow, TOUCHES } from "../model/buckets";
import { type Counters, DIMENSIONS, type Dims, EMPTY_DIMS, HIST_COUNTERS, periodOf, SCALAR_COUNTERS } from "../model/cube";

export interface JourneyFact {
  kind: "journey";
  day: string;
  dims: Partial<Dims>;
  submitted?: boolean;
  abandoned?: boolean;
  decided?: boolean;
  approved?: boolean;
  funded?: boolean;
  opened?: boolean;
  converted?: boolean;
  singleChannel?: boolean;
  touches: number;
  switches: number;
  ttfHours?: number;
  ttdHours?: number;
}
export interface ContactFact {
  kind: "contact";
  day: string;
  dims: Partial<Dims>;
  seconds: number;
}
export interface RequestFact {
  kind: "request";
  day: string;
  dims: Partial<Dims>;
  hours: number;
  inSla: boolean;
}
export interface AnswerFact {
  kind: "answer";
  day: string;
  dims: Partial<Dims>;
  nps?: number;
  csat?: number;
  ces?: number;
  followedUp?: boolean;
}
export interface CustomerFact {
  kind: "customer";
  day: string;
  dims: Partial<Dims>;
  active: boolean;
}
export type Fact = JourneyFact | ContactFact | RequestFact | AnswerFact | CustomerFact;

const b = (x: boolean | undefined) => (x ? 1 : 0);
const scaleHist = (size: number, index: number) => {
  const h = new Array<number>(size).fill(0);
  h[index] = 1;
  return h;
};

/** What one fact adds to its cube cell (model/cube.ts). */
export function countersOf(f: Fact): Counters {
  switch (f.kind) {
    case "journey":
      return {
        started: 1,
        submitted: b(f.submitted),
        abandoned: b(f.abandoned),
        decided: b(f.decided),
        approved: b(f.approved),
        funded: b(f.funded),
        opened: b(f.opened),
        converted: b(f.converted),
        single_channel: b(f.submitted && f.singleChannel),
        touch_sum: f.touches,
        switch_sum: f.switches,
        touch_hist: one(TOUCHES, f.touches),
        ...(f.ttfHours !== undefined ? { ttf_n: 1, ttf_sum: f.ttfHours, ttf_hist: one(HOURS, f.ttfHours) } : {}),
        ...(f.ttdHours !== undefined ? { ttd_n: 1, ttd_sum: f.ttdHours, ttd_hist: one(HOURS, f.ttdHours) } : {}),
      };
    case "contact":
      return { contacts: 1, handle_sum: f.seconds, handle_hist: one(SECONDS, f.seconds) };
    case "request":
      return { tat_n: 1, tat_sum: f.hours, tat_hist: one(HOURS, f.hours), tat_in_sla: b(f.inSla) };
    case "customer":
      return { intent: 1, active: b(f.active) };
    case "answer": {
      const due = (f.nps !== undefined && f.nps <= 6) || (f.csat !== undefined && f.csat <= 2);
      return {
        ...(f.nps !== undefined ? { nps: scaleHist(11, f.nps) } : {}),
        ...(f.csat !== undefined ? { csat: scaleHist(5, f.csat - 1) } : {}),
        ...(f.ces !== undefined ? { ces: scaleHist(7, f.ces - 1) } : {}),
        fu_due: b(due),
        fu_done: b(due && f.followedUp),
      };
    }
  }
}

type Row = Record<string, unknown>;

function add(into: Map<string, Row>, key: string, base: Row, c: Counters) {
  let row = into.get(key);
  if (!row) {
    row = { ...base };
    into.set(key, row);
  }
  for (const k of SCALAR_COUNTERS) if (c[k] !== undefined) row[k] = ((row[k] as number) ?? 0) + (c[k] as number);
  for (const k of HIST_COUNTERS) {
    const h = c[k];
    if (!h) continue;
    const cur = (row[k] as number[] | undefined) ?? [];
    row[k] = Array.from({ length: Math.max(cur.length, h.length) }, (_, i) => (cur[i] ?? 0) + (h[i] ?? 0));
  }
}

/**
 * Inserts the facts' cube cells and margins for `tenantId` at the given grains (both by default,
 * as the fold keeps them). `margins: false` leaves kpi_margin alone.
 */
export async function insertFacts(db: Db, tenantId: string, facts: Fact[], opts: { grains?: Array<"day" | "month">; margins?: boolean } = {}) {
  const cube = new Map<string, Row>();
  const margin = new Map<string, Row>();
  for (const grain of opts.grains ?? ["day", "month"]) {
    for (const f of facts) {
      const dims = { ...EMPTY_DIMS, ...f.dims };
      const period = periodOf(f.day, grain);
      const c = countersOf(f);
      add(cube, [grain, period, ...DIMENSIONS.map((d) => dims[d])].join("|"), { tenant_id: tenantId, grain, period, ...dims }, c);
      add(margin, [grain, period, "", ""].join("|"), { tenant_id: tenantId, grain, period, dim: "", value: "" }, c);
      for (const d of DIMENSIONS) add(margin, [grain, period, d, dims[d]].join("|"), { tenant_id: tenantId, grain, period, dim: d, value: dims[d] }, c);
    }
  }
  const chunks = <T>(xs: T[]) => Array.from({ length: Math.ceil(xs.length / 200) }, (_, i) => xs.slice(i * 200, i * 200 + 200));
  for (const rows of chunks([...cube.values()])) await db.insertInto("kpi_cube").values(rows as never).execute();
  if (opts.margins !== false) for (const rows of chunks([...margin.values()])) await db.insertInto("kpi_margin").values(rows as never).execute();
}

/** A histogram of raw values in a layout. */
export const histOf = (layout: Layout, values: number[]) => {
  const h = new Array<number>(layout.size).fill(0);
  for (const v of values) h[layout.bucket(v)] = (h[layout.bucket(v)] ?? 0) + 1;
  return h;
};

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null);
const share = (k: number, n: number) => (n ? k / n : null);
const exactMedian = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, c) => a - c);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The KPIs the facts should give, straight from the facts. */
export function expectedFrom(facts: Fact[], fundedWithinDays = 30) {
  const j = facts.filter((f): f is JourneyFact => f.kind === "journey");
  const contacts = facts.filter((f): f is ContactFact => f.kind === "contact");
  const requests = facts.filter((f): f is RequestFact => f.kind === "request");
  const answers = facts.filter((f): f is AnswerFact => f.kind === "answer");
  const customers = facts.filter((f): f is CustomerFact => f.kind === "customer");
  const count = (p: (x: JourneyFact) => boolean | undefined) => j.filter(p).length;
  const ttf = j.flatMap((x) => (x.ttfHours !== undefined ? [x.ttfHours] : []));
  const ttd = j.flatMap((x) => (x.ttdHours !== undefined ? [x.ttdHours] : []));
  const nps = answers.flatMap((a) => (a.nps !== undefined ? [a.nps] : []));
  const csat = answers.flatMap((a) => (a.csat !== undefined ? [a.csat] : []));
  const ces = answers.flatMap((a) => (a.ces !== undefined ? [a.ces] : []));
  const due = answers.filter((a) => (a.nps !== undefined && a.nps <= 6) || (a.csat !== undefined && a.csat <= 2));
  const submitted = count((x) => x.submitted);
  return {
    started: j.length,
    submitted,
    abandoned: count((x) => x.abandoned),
    funded: count((x) => x.funded),
    completion: share(submitted, j.length),
    abandonment: share(count((x) => x.abandoned), j.length),
    conversion: share(count((x) => x.converted), j.length),
    singleChannel: share(count((x) => x.submitted && x.singleChannel), submitted),
    onboarding: share(customers.filter((c) => c.active).length, customers.length),
    intent: customers.length,
    followUp: share(due.filter((a) => a.followedUp).length, due.length),
    followUpDue: due.length,
    ttf: { n: ttf.length, mean: mean(ttf), median: quantile(HOURS, histOf(HOURS, ttf), 0.5), p90: quantile(HOURS, histOf(HOURS, ttf), 0.9), trueMedian: exactMedian(ttf), within: share(ttf.filter((h) => h < fundedWithinDays * 24).length, ttf.length), withinFromHist: shareBelow(HOURS, histOf(HOURS, ttf), fundedWithinDays * 24) },
    ttd: { n: ttd.length, mean: mean(ttd), median: quantile(HOURS, histOf(HOURS, ttd), 0.5) },
    tat: { n: requests.length, mean: mean(requests.map((r) => r.hours)), median: quantile(HOURS, histOf(HOURS, requests.map((r) => r.hours)), 0.5), inSla: share(requests.filter((r) => r.inSla).length, requests.length) },
    aht: { n: contacts.length, mean: mean(contacts.map((c) => c.seconds)), median: quantile(SECONDS, histOf(SECONDS, contacts.map((c) => c.seconds)), 0.5) },
    touches: { mean: mean(j.map((x) => x.touches)), median: exactMedian(j.map((x) => x.touches)) },
    switches: mean(j.map((x) => x.switches)),
    nps: { n: nps.length, score: nps.length ? (100 * (nps.filter((s) => s >= 9).length - nps.filter((s) => s <= 6).length)) / nps.length : null, distribution: Array.from({ length: 11 }, (_, i) => nps.filter((s) => s === i).length) },
    csat: { n: csat.length, score: share(csat.filter((s) => s >= 4).length, csat.length) },
    ces: { n: ces.length, mean: mean(ces), agree: share(ces.filter((s) => s >= 5).length, ces.length) },
  };
}
