/**
 * Summary of a 1,000,000-response survey (target < 1 s), on PostgreSQL (DATABASE_URL) and PGlite.
 * Inserts the responses with one `insert … select generate_series` (NPS, CSAT, CES, single choice;
 * 90 days × 2 languages × 3 channels × 10 branches), folds the rollups (timed), then times
 * GET /surveys/{id}/summary in-process through the app; the peer is the same summary computed by a
 * plain full scan over survey_responses (the path filters the rollups cannot serve take).
 * BENCH_RESPONSES overrides the count.
 */
import { sql } from "kysely";
import { loadConfig } from "../src/config";
import { openStore } from "../src/db";
import { migrateToLatest } from "../src/db/migrate";
import { ManualClock } from "../src/kernel/clock";
import { createApiKey } from "../src/modules/auth/apikeys";
import type { Question } from "../src/modules/feedback/definition/types";
import { definition, insertSurvey } from "../src/modules/feedback/responses.testkit";
import { foldSurvey } from "../src/modules/feedback/rollups";
import { createBranch, createRegion, createTenant } from "../src/modules/tenancy/commands";
import { createApp } from "../src/server/app";
import { boot } from "../src/server/boot";
import { scratchDatabase } from "./support";

const N = Number(process.env.BENCH_RESPONSES ?? 1_000_000);
const t = (en: string) => ({ en });
const QUESTIONS: Question[] = [
  { id: "nps", type: "nps", text: t("Recommend?"), required: false },
  { id: "csat", type: "csat", text: t("Satisfied?"), required: false },
  { id: "ces", type: "ces", text: t("Easy?"), required: false },
  { id: "why", type: "single", text: t("Main reason"), required: false, randomizeChoices: false, choices: ["fees", "staff", "app", "wait"].map((id) => ({ id, text: t(id) })) },
];
const ms = (x: number) => `${x.toFixed(0)} ms`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;


async function run(kind: "pg" | "pglite") {
  const scratch = kind === "pg" ? await scratchDatabase(process.env.DATABASE_URL as string, "atrium_bench_summary") : null;
  const env = { NODE_ENV: "test", LOG_LEVEL: "silent", ATRIUM_DATA_DIR: "./data/bench", ARGON2_MEMORY_KIB: "1024", RATE_LIMIT_PER_MINUTE: "1000000", ...(scratch ? { DATABASE_URL: scratch.url } : {}) };
  const config = loadConfig(env);
  const store = await openStore(config, { inMemory: true });
  await migrateToLatest(store.db);
  const { deps } = await boot(config, { store, clock: new ManualClock(new Date()), migrate: false });
  const app = createApp(deps);
  const sys = { actor: null, now: new Date() };
  const s = Math.random().toString(36).slice(2, 8);
  const tenant = await createTenant(store.db, sys, { slug: `bench-${s}`, name: `Bench ${s}` });
  const region = await createRegion(store.db, sys, tenant.id, { code: `r-${s}`, name: "Region" });
  const branches: string[] = [];
  for (let i = 0; i < 10; i++) branches.push((await createBranch(store.db, sys, tenant.id, { regionId: region.id, code: `b${i}-${s}`, name: `Branch ${i}` })).id);
  const surveyId = await insertSurvey(store.db, tenant.id, [definition(QUESTIONS, [])]);
  const { key } = await createApiKey(store.db, sys, tenant.id, { name: "bench", role: "admin" });

  let t0 = performance.now();
  await sql`insert into survey_responses (tenant_id, id, survey_id, version, status, channel, language, region_id, branch_id, answers, submitted, started_at, updated_at, completed_at, duration_ms)
    select ${tenant.id}::uuid, gen_random_uuid(), ${surveyId}::uuid, 1, 'completed',
      (array['link','qr','email'])[1 + i % 3], (array['en','ar'])[1 + i % 2], ${region.id}::uuid,
      (${branches}::uuid[])[1 + (i / 7) % 10],
      jsonb_build_object('nps', (i * 7) % 11, 'csat', 1 + (i * 3) % 5, 'ces', 1 + (i * 5) % 7, 'why', (array['fees','staff','app','wait'])[1 + i % 4]),
      '["p-nps","p-csat","p-ces","p-why"]'::jsonb,
      timestamptz '2026-01-01' + (i % 90) * interval '1 day', now(), now(), 30000 + (i * 37) % 600000
    from generate_series(1, ${N}) as i`.execute(store.db);
  console.log(`  ${kind}: inserted ${N.toLocaleString("en")} completed responses in ${ms(performance.now() - t0)}`);

  t0 = performance.now();
  await foldSurvey(store.db, tenant.id, surveyId, { batch: 20_000 });
  const rollupRows = await store.db.selectFrom("survey_rollups").select(sql<number>`count(*)::int8`.as("n")).where("survey_id", "=", surveyId).executeTakeFirst();
  console.log(`  ${kind}: folded the rollups in ${ms(performance.now() - t0)} (${Number(rollupRows?.n).toLocaleString("en")} rollup rows)`);

  const time = async (query: string, runs: number) => {
    const times: number[] = [];
    let body: { responses?: number; questions?: { nps?: { score: number } } } = {};
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const res = await app.request(`/api/v1/surveys/${surveyId}/summary${query}`, { headers: { authorization: `Bearer ${key}` } });
      body = (await res.json()) as typeof body;
      if (res.status !== 200) throw new Error(`summary answered ${res.status}: ${JSON.stringify(body)}`);
      times.push(performance.now() - start);
    }
    return { times, body };
  };
  const fast = await time("", 7);
  console.log(`  ${kind}: GET summary (rollups) p50 ${ms(pct(fast.times, 0.5))}, max ${ms(Math.max(...fast.times))} — target < 1000 ms — responses ${fast.body.responses}, NPS ${fast.body.questions?.nps?.score}`);
  const dated = await time("?from=2026-01-15&to=2026-02-28", 7);
  console.log(`  ${kind}: GET summary for 45 days (daily rollups) p50 ${ms(pct(dated.times, 0.5))}, max ${ms(Math.max(...dated.times))} — responses ${dated.body.responses}, NPS ${dated.body.questions?.nps?.score}`);
  const arabic = await time("?language=ar&channel=qr", 7);
  console.log(`  ${kind}: GET summary for Arabic via QR (rollups) p50 ${ms(pct(arabic.times, 0.5))}, max ${ms(Math.max(...arabic.times))} — responses ${arabic.body.responses}`);
  // Peer: the same summary by a plain scan (version=1 is a filter the rollups do not keep).
  const scan = await time("?version=1", 1);
  console.log(`  ${kind}: peer, full scan over survey_responses: ${ms(scan.times[0] as number)} — responses ${scan.body.responses}, NPS ${scan.body.questions?.nps?.score}`);
  await store.close();
  await scratch?.drop();
}

if (process.env.DATABASE_URL) await run("pg");
else console.log("  PostgreSQL: skipped (set DATABASE_URL to run it)");
await run("pglite");
