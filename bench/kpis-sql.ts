/**
 * The KPI benchmark's peers: the same KPIs for one year grouped by start channel, computed by ONE
 * SQL statement straight from raw journey events (no journeys table, no rollups), in PostgreSQL
 * (and PGlite) and in DuckDB, plus the check that they agree with the engine.
 *
 * What the statement reproduces of the fold (fold/journey.ts, contribution.ts, facts.ts) under the
 * default journey definition, and what it simplifies (true of the demo generator's events, so the
 * counts must match exactly; where they do not, the difference is printed):
 * - a journey = the events of one `j:` entity; start = its first `application.started`, else its
 *   first event; its channel = the channel of its first touchpoint (properties.channel, else the
 *   rule's channel); touchpoints = events of the default touchpoint rules; switches = changes of
 *   channel between consecutive touchpoints (order: occurred_at, then message id). Channel
 *   aliases (call_centre → call …) and context.channel are not folded (the demo sends neither).
 * - abandoned: the latest of an explicit `application.abandoned` and, when nothing progressed, the
 *   last activity if it is at least 7 days before `now` (the inactivity window), and only when it
 *   is later than every other milestone (status = latest milestone; a tie goes to the later stage).
 * - converted: funded or opened within 30 days of the start; TTF = started → funded (hours).
 * - onboarding: customers (first user id) by their first journey's start day and channel; active =
 *   any of their journeys funded or opened.
 * - TAT: service requests (`q:` entities: requestedAt → fulfilledAt, by request day and their own
 *   channel) plus each application's decision (submitted → decided, by submitted day, journey channel).
 * - AHT: every `contact.handled` event is one handled contact (the demo sends one event per contact),
 *   by its day and own channel. NPS: every `survey.response_completed` with an NPS score, by its day
 *   and own channel (one completed event per response in the demo).
 */
import { HOURS } from "../src/modules/journeys/model/buckets";
import type { Kpis } from "../src/modules/journeys/kpis/compute";

export type Dialect = "pg" | "duckdb";

/** One channel's figures as the peer computes them. */
export interface PeerRow {
  channel: string;
  started: number;
  submitted: number;
  abandoned: number;
  funded: number;
  converted: number;
  single_channel: number;
  touch_mean: number | null;
  touch_median: number | null;
  switch_mean: number | null;
  ttf_n: number;
  ttf_median: number | null;
  ttf_p90: number | null;
  intent: number;
  active: number;
  tat_n: number;
  tat_median: number | null;
  contacts: number;
  aht_mean: number | null;
  nps_n: number;
  promoters: number;
  detractors: number;
}

const TOUCH_EVENTS = ["application.started", "application.step_viewed", "application.step_completed", "application.resumed", "application.submitted"];

/**
 * The peer statement. PostgreSQL reads `journey_events` of one tenant (occurred_at timestamptz,
 * properties jsonb); DuckDB reads the exported table (t timestamp in UTC, properties JSON).
 * [from, to) are the first day of the year and the day after its last.
 */
export function peerSql(d: Dialect, o: { tenantId: string; from: string; toExclusive: string; now: Date }): string {
  const pg = d === "pg";
  const ts = (day: string) => (pg ? `timestamptz '${day}T00:00:00Z'` : `timestamp '${day} 00:00:00'`);
  const lo = ts(o.from);
  const hi = ts(o.toExclusive);
  const nowLit = pg ? `timestamptz '${o.now.toISOString()}'` : `timestamp '${o.now.toISOString().replace("T", " ").replace("Z", "")}'`;
  const hours = (a: string, b: string) => (pg ? `(extract(epoch from (${a} - ${b})) / 3600.0)` : `((epoch_ms(${a}) - epoch_ms(${b})) / 3600000.0)`);
  const tsProp = (name: string) => (pg ? `(p->>'${name}')::timestamptz` : `cast(replace(p->>'${name}', 'Z', '') as timestamp)`);
  const from = pg ? `(select occurred_at as t, entity, event, user_id, message_id, properties as p from journey_events where tenant_id = '${o.tenantId}')` : "(select t, entity, event, user_id, message_id, properties as p from journey_events)";
  const order = pg ? `t, message_id collate "C"` : "t, message_id";
  const list = TOUCH_EVENTS.map((e) => `'${e}'`).join(", ");
  const median = (x: string, q = 0.5) => `percentile_cont(${q}) within group (order by ${x})`;
  return `
with ev as ${from},
je as (select * from ev where entity like 'j:%'),
tp as (
  select entity, t, message_id,
    coalesce(nullif(lower(p->>'channel'), ''), case split_part(event, '.', 1) when 'call' then 'call' when 'contact' then 'call' when 'branch' then 'branch'
      when 'sms' then 'sms' when 'email' then 'email' when 'chat' then 'chat' else '' end) as ch
  from je where event in (${list}) or split_part(event, '.', 1) in ('call', 'contact', 'branch', 'sms', 'email', 'chat')),
seq as (select entity, ch, row_number() over w as rn, lag(ch) over w as prev from tp window w as (partition by entity order by ${order})),
touch as (
  select entity, count(*) as touches, count(*) filter (where prev is not null and ch <> prev) as switches,
    count(distinct ch) as channels, min(ch) filter (where rn = 1) as channel
  from seq group by entity),
mil as (
  select entity, min(user_id) as customer,
    coalesce(min(t) filter (where event = 'application.started'), min(t)) as started, max(t) as last_at,
    min(t) filter (where event = 'application.submitted') as submitted, min(t) filter (where event = 'application.decided') as decided,
    min(t) filter (where event = 'application.funded') as funded, min(t) filter (where event = 'application.opened') as opened,
    max(t) filter (where event = 'application.abandoned') as abandoned_event
  from je group by entity),
j0 as (
  select m.*, coalesce(x.channel, '') as channel, coalesce(x.touches, 0) as touches, coalesce(x.switches, 0) as switches, coalesce(x.channels, 0) as channels,
    case when submitted is null and decided is null and funded is null and opened is null and last_at <= ${nowLit} - interval '7 days' then last_at else abandoned_event end as ab,
    case when funded is not null and (opened is null or funded <= opened) then funded else opened end as won
  from mil m left join touch x on x.entity = m.entity),
j as (
  select *, (ab is not null and (submitted is null or ab > submitted) and (decided is null or ab > decided) and (funded is null or ab > funded) and (opened is null or ab > opened)) as abandoned,
    (won is not null and won <= started + interval '30 days') as converted,
    case when funded >= started then ${hours("funded", "started")} end as ttf
  from j0),
jk as (
  select channel, count(*) as started, count(submitted) as submitted, count(*) filter (where abandoned) as abandoned, count(funded) as funded,
    count(*) filter (where converted) as converted, count(*) filter (where submitted is not null and channels <= 1) as single_channel,
    avg(touches) as touch_mean, ${median("touches")} as touch_median, avg(switches) as switch_mean,
    count(ttf) as ttf_n, ${median("ttf")} as ttf_median, ${median("ttf", 0.9)} as ttf_p90
  from j where started >= ${lo} and started < ${hi} group by channel),
firsts as (select customer, started, channel, row_number() over (partition by customer order by started, entity) as k from j where customer is not null),
act as (select customer, bool_or(funded is not null or opened is not null) as active from j where customer is not null group by customer),
ck as (
  select f.channel, count(*) as intent, count(*) filter (where a.active) as active
  from firsts f join act a on a.customer = f.customer where f.k = 1 and f.started >= ${lo} and f.started < ${hi} group by f.channel),
req as (
  select min(lower(p->>'channel')) as channel, min(${tsProp("requestedAt")}) as req_at, min(${tsProp("fulfilledAt")}) as ful_at
  from ev where entity like 'q:%' group by entity),
tat as (
  select channel, ${hours("ful_at", "req_at")} as h, req_at as anchor from req where ful_at >= req_at
  union all
  select channel, ${hours("decided", "submitted")}, submitted from j where decided >= submitted),
tk as (select channel, count(*) as tat_n, ${median("h")} as tat_median from tat where anchor >= ${lo} and anchor < ${hi} group by channel),
ak as (
  select lower(p->>'channel') as channel, count(*) as contacts,
    avg(coalesce((p->>'talkSeconds')::float8, 0) + coalesce((p->>'holdSeconds')::float8, 0) + coalesce((p->>'afterCallSeconds')::float8, 0)) as aht_mean
  from ev where event = 'contact.handled' and t >= ${lo} and t < ${hi} group by 1),
nr as (select lower(p->>'channel') as channel, cast(p->'scores'->>'nps' as integer) as nps from ev where event = 'survey.response_completed' and t >= ${lo} and t < ${hi}),
nk as (
  select channel, count(*) as nps_n, count(*) filter (where nps >= 9) as promoters, count(*) filter (where nps <= 6) as detractors
  from nr where nps between 0 and 10 group by channel),
keys as (select channel from jk union select channel from ck union select channel from tk union select channel from ak union select channel from nk)
select k.channel, jk.started, jk.submitted, jk.abandoned, jk.funded, jk.converted, jk.single_channel, jk.touch_mean, jk.touch_median, jk.switch_mean,
  jk.ttf_n, jk.ttf_median, jk.ttf_p90, ck.intent, ck.active, tk.tat_n, tk.tat_median, ak.contacts, ak.aht_mean, nk.nps_n, nk.promoters, nk.detractors
from keys k left join jk on jk.channel = k.channel left join ck on ck.channel = k.channel left join tk on tk.channel = k.channel
  left join ak on ak.channel = k.channel left join nk on nk.channel = k.channel
order by k.channel`;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Driver rows (strings, bigints, numbers) → PeerRow. */
export function toPeerRows(rows: Record<string, unknown>[]): PeerRow[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = { channel: String(r.channel ?? "") };
    for (const [k, v] of Object.entries(r)) if (k !== "channel") out[k] = num(v);
    for (const k of ["started", "submitted", "abandoned", "funded", "converted", "single_channel", "ttf_n", "intent", "active", "tat_n", "contacts", "nps_n", "promoters", "detractors"]) out[k] = (out[k] as number | null) ?? 0;
    return out as unknown as PeerRow;
  });
}

/** The width of the histogram bucket that holds `v` (how far an interpolated quantile may be off). */
const bucketWidth = (layout: typeof HOURS, v: number) => {
  const [a, b] = layout.bounds(layout.bucket(v));
  return b - a;
};

/**
 * Engine vs peer, per channel: counts must be equal, means equal to 0.01 (the engine rounds to 2
 * digits), histogram quantiles within one bucket's width of the exact value (from 100 values up). Returns the lines to
 * print and the number of disagreements.
 */
export function compareWithEngine(engine: Map<string, Kpis>, peer: PeerRow[]): { lines: string[]; mismatches: number } {
  const lines: string[] = [];
  let mismatches = 0;
  const near = (a: number | null, b: number | null, tol: number) => (a === null || b === null ? a === b : Math.abs(a - b) <= tol + 1e-9);
  for (const p of peer) {
    const k = engine.get(p.channel);
    if (!k) {
      lines.push(`  ${p.channel || "(none)"}: only in the peer`);
      mismatches++;
      continue;
    }
    const bad: string[] = [];
    const eq = (name: string, a: number, b: number) => a !== b && bad.push(`${name} ${a}≠${b}`);
    eq("started", k.counts.started, p.started);
    eq("submitted", k.counts.submitted, p.submitted);
    eq("abandoned", k.counts.abandoned, p.abandoned);
    eq("funded", k.counts.funded, p.funded);
    // Rates are reported to 4 decimals: the peer's k ÷ n is rounded the same way.
    const rate = (name: string, r: { value: number | null; n: number }, k: number, n: number) => {
      eq(`${name}.n`, r.n, n);
      if (n > 0 && r.value !== round4(k / n)) bad.push(`${name} ${r.value}≠${round4(k / n)}`);
    };
    rate("conversion", k.conversionRate, p.converted, p.started);
    rate("singleChannel", k.singleChannelRate, p.single_channel, p.submitted);
    rate("onboarding", k.onboardingRate, p.active, p.intent);
    eq("ttf.n", k.timeToFund.n, p.ttf_n);
    eq("tat.n", k.turnaroundTime.n, p.tat_n);
    eq("contacts", k.averageHandleTime.n, p.contacts);
    eq("nps.n", k.nps.n, p.nps_n);
    eq("promoters", k.nps.promoters, p.promoters);
    eq("detractors", k.nps.detractors, p.detractors);
    const mean = (name: string, a: number | null, b: number | null) => !near(a, b, 0.006) && bad.push(`${name} ${a}≠${b?.toFixed(3)}`);
    mean("touch.mean", k.touchpointsPerJourney.mean, p.touch_mean);
    mean("touch.median", k.touchpointsPerJourney.median, p.touch_median);
    mean("switch.mean", k.channelSwitches.mean, p.switch_mean);
    mean("aht.mean", k.averageHandleTime.meanSeconds, p.aht_mean);
    // Under 100 values the two quantile definitions (rank q·n inside a bucket vs percentile_cont's
    // (n − 1)·q between values) may pick different values, more than a bucket apart: not compared.
    const med = (name: string, a: number | null, b: number | null, n: number) =>
      n >= 100 && b !== null && !near(a, b, bucketWidth(HOURS, b)) && bad.push(`${name} ${a}≠${b.toFixed(2)} (bucket ${bucketWidth(HOURS, b).toFixed(2)})`);
    med("ttf.median", k.timeToFund.medianHours, p.ttf_median, p.ttf_n);
    med("ttf.p90", k.timeToFund.p90Hours, p.ttf_p90, p.ttf_n);
    med("tat.median", k.turnaroundTime.medianHours, p.tat_median, p.tat_n);
    const detail = `started ${p.started}, abandoned ${p.abandoned}, TTF median ${k.timeToFund.medianHours ?? "–"} h vs ${p.ttf_median?.toFixed(2) ?? "–"} h, TAT median ${k.turnaroundTime.medianHours ?? "–"} h vs ${p.tat_median?.toFixed(2) ?? "–"} h, AHT ${k.averageHandleTime.meanSeconds ?? "–"} s, NPS n ${p.nps_n}`;
    lines.push(`  ${(p.channel || "(none)").padEnd(14)} ${bad.length ? `DIFFERS: ${bad.join("; ")}` : "agrees"} — ${detail}`);
    mismatches += bad.length ? 1 : 0;
  }
  for (const key of engine.keys()) if (!peer.some((p) => p.channel === key)) {
    lines.push(`  ${key || "(none)"}: only in the engine`);
    mismatches++;
  }
  return { lines, mismatches };
}
