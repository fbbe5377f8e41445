/**
 * Re-screening benchmark, printed (not asserted): the whole job as it runs after a list change,
 * through the store, not the matcher alone (bench/screening.ts measures that). An in-memory PGlite
 * store gets the bundled lists (seeds/lists) and one bank with BENCH_SUBJECTS screening subjects
 * (default 100,000) of synthetic names; a few hundred are spelling variants of UN-listed names, so
 * hits, reviews and the officers' alert are part of the run. Then `rescreen()` runs: one
 * transaction per batch of 500, results written in bulk for subjects without a hit.
 * Target from the issue: 100,000 customers in under 60 s on this machine.
 * Run: `node bench/run.mjs rescreen` (BENCH_SUBJECTS=… to change the size).
 */
import { availableParallelism, loadavg } from "node:os";
import { testConfig } from "../src/config";
import { openStore } from "../src/db";
import { migrateToLatest } from "../src/db/migrate";
import { ManualClock } from "../src/kernel/clock";
import { newId } from "../src/kernel/ids";
import { rescreen } from "../src/modules/compliance/rescreen";
import { mulberry32 } from "../src/modules/feedback/logic/random";
import { createTenant, createUser } from "../src/modules/tenancy/commands";
import { boot } from "../src/server/boot";
import { seedLists } from "../seeds/lists";

const SUBJECTS = Number(process.env.BENCH_SUBJECTS ?? 100_000);
const rnd = mulberry32(20261124);
const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
const GIVEN = "Anna Ben Carla Dov Elena Farid Gal Hana Ilan Jana Karl Lea Moshe Nora Omar Pia Rafael Sara Tom Uri Vera Wen Yael Zoe".split(" ");
const FAMILY = "Levi Cohen Mizrahi Peretz Biton Dahan Friedman Katz Azoulay Gabay Shapiro Klein Weiss Moreno Santos Novak Horvat Lindqvist Okafor Tanaka".split(" ");

const config = testConfig({});
const store = await openStore(config, { inMemory: true });
await migrateToLatest(store.db);
const clock = new ManualClock(new Date());
const { deps } = await boot(config, { store, clock, migrate: false });
const lists = await seedLists(deps);
const tenant = await createTenant(deps.db, { actor: null, now: clock.now() }, { slug: "bench", name: "Bench Bank" });
for (const n of [1, 2]) await createUser(deps.db, { actor: null, now: clock.now() }, tenant.id, { email: `officer${n}@bench.example`, name: `Officer ${n}`, role: "compliance_officer", scope: "tenant", password: "bench passphrase long enough" }, config.argon2MemoryKib);

const listed = await deps.db.selectFrom("screening_entries").select("name").where("list_id", "=", "un").where("kind", "=", "individual").limit(300).execute();
const t0 = performance.now();
const rows = [];
for (let i = 0; i < SUBJECTS; i++) {
  const hit = i % Math.max(1, Math.floor(SUBJECTS / listed.length)) === 0 ? listed[i % listed.length] : undefined;
  rows.push({
    tenant_id: tenant.id,
    id: newId(),
    subject_key: `ref:C${i}`,
    customer_ref: `C${i}`,
    name: hit ? hit.name : `${pick(GIVEN)} ${pick(GIVEN)} ${pick(FAMILY)}`,
    birth_date: `19${50 + Math.floor(rnd() * 50)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
    nationality: pick(["IL", "US", "GB", "DE", "FR", "JO", "CN", null]),
    last_list_version: "before-the-change",
    created_at: clock.now(),
  });
  if (rows.length === 2000 || i === SUBJECTS - 1) await deps.db.insertInto("screening_subjects").values(rows.splice(0)).execute();
}
console.log(`lists: ${lists.map((l) => `${l.listId} v${l.version} (${l.entries} entries)`).join(", ")}`);
console.log(`setup: ${SUBJECTS.toLocaleString("en")} subjects inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const t1 = performance.now();
const stats = await rescreen(deps, { tenantId: tenant.id });
const s = (performance.now() - t1) / 1000;
console.log(
  `re-screening ${stats.screened.toLocaleString("en")} customers through the store: ${s.toFixed(1)} s (${((s * 1000) / Math.max(1, stats.screened)).toFixed(3)} ms each; ${stats.batches} batches; ${stats.withHits} with a match, ${stats.newReviews} reviews opened, ${stats.alerted} officer emails)   target < 60 s: ${s < 60 ? "met" : "MISSED"}`,
);
console.log(`machine: ${availableParallelism()} cores, load ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
await store.close();
