/**
 * Field-level autosave of onboarding applications under load, printed (not asserted): the real
 * server (`atrium serve --no-worker`) on PostgreSQL (when DATABASE_URL is set, in a scratch
 * database) and on PGlite. Setup goes through the API like a customer: N checking-account
 * applications, each opened with its link and a one-time code (read from the dev outbox), giving
 * N customer sessions. autocannon then sends PATCH /public/applications/me/answers with rotating
 * sessions and field values (one to three fields a save, as the page sends them).
 * Target: ≥ 500 saves/s with p99 < 100 ms on PostgreSQL.
 * Peer, on the same store in the same run: the survey autosave (POST /public/responses/{id}/answers
 * with a resume token), the platform's other answer-as-you-go endpoint.
 * Run: `node bench/run.mjs onboarding-autosave` (add DATABASE_URL=postgres://… for the PostgreSQL rows).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { BIN, cli, envFor, scratchDatabase, waitReady } from "./support";

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 64);
let nextPort = 19_500;

const NAMES = ["Dana Levi", "Omar Haddad", "Li Wei", "Maria Santos"];
const EMPLOYERS = ["Acme Ltd", "Globex", "Initech", "Umbrella"];
/** What a customer types on the first two steps, one to three fields a save. */
const SAVES = Array.from({ length: 240 }, (_, n) => {
  const answers: Record<string, unknown> =
    n % 4 === 0
      ? { fullName: NAMES[n % NAMES.length] }
      : n % 4 === 1
        ? { nationalId: String(100_000_000 + n * 7919) }
        : n % 4 === 2
          ? { employment: "employed", employer: EMPLOYERS[n % EMPLOYERS.length] }
          : { monthlyIncome: `${4000 + n * 13}.50`, wantsDeposit: n % 8 === 3, address: { line1: `${n} Herzl St`, city: "Tel Aviv", postcode: "6100000", country: "IL" } };
  const field = Object.keys(answers).at(-1) as string;
  return JSON.stringify({ answers, at: { step: field === "fullName" || field === "nationalId" || field === "address" ? "about" : "work", field } });
});
const SURVEY = {
  title: { en: "Bench survey" },
  questions: [
    { id: "nps", type: "nps", text: { en: "How likely are you to recommend us?" }, required: true },
    { id: "csat", type: "csat", text: { en: "How satisfied are you?" } },
    { id: "why", type: "text", text: { en: "Why?" } },
  ],
};
// The respondent is on the first page (one question a page): the save the survey page sends as they change their mind.
const SURVEY_SAVES = Array.from({ length: 240 }, (_, n) => JSON.stringify({ answers: { nps: n % 11 } }));

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
}

async function call<T = Record<string, unknown>>(port: number, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1${path}`, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** N applications, each opened like a customer would: link → code by SMS → session. */
async function customerSessions(port: number, key: string): Promise<string[]> {
  const staff = { authorization: `Bearer ${key}` };
  const out: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    const phone = `+97250${String(1_000_000 + i).padStart(7, "0")}`;
    const created = await call<{ link: string }>(port, "POST", "/applications", { product: "checking", customer: { name: NAMES[i % NAMES.length], phone, language: "he" } }, staff);
    const token = created.link.split("/").at(-1) as string;
    await call(port, "POST", `/public/applications/link/${token}/otp`, {});
    const outbox = await call<{ items: Array<{ recipient: string; bodyText: string }> }>(port, "GET", "/outbox/messages?channel=sms&limit=5", undefined, staff);
    const sms = outbox.items.find((m) => m.recipient === phone);
    const code = /\b(\d{6})\b/.exec(sms?.bodyText ?? "")?.[1];
    if (!code) throw new Error("no one-time code in the outbox");
    const s = await call<{ sessionToken: string }>(port, "POST", `/public/applications/link/${token}/session`, { code });
    out.push(s.sessionToken);
  }
  return out;
}

async function surveyResponses(port: number, key: string): Promise<Array<{ id: string; token: string }>> {
  const staff = { authorization: `Bearer ${key}` };
  const survey = await call<{ id: string }>(port, "POST", "/surveys", { definition: SURVEY }, staff);
  await call(port, "POST", `/surveys/${survey.id}/publish`, undefined, staff);
  const out: Array<{ id: string; token: string }> = [];
  for (let i = 0; i < SESSIONS; i++) {
    const r = await call<{ id: string; resumeToken: string }>(port, "POST", `/public/surveys/${survey.id}/responses`, { language: "en", channel: "api" });
    out.push({ id: r.id, token: r.resumeToken });
  }
  return out;
}

type Pick = (n: number) => { method: string; path: string; headers: Record<string, string>; body: string };

async function load(port: number, pick: Pick) {
  let n = 0;
  const opts: autocannon.Options = {
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    requests: [{ setupRequest: (req) => ({ ...req, ...pick(n++) }) as typeof req }],
  };
  await autocannon({ ...opts, duration: 2 }); // warm-up
  const r = await autocannon({ ...opts, duration: DURATION });
  const codes = Object.entries(r.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith("2"))
    .map(([code, v]) => `${code}×${(v as { count: number }).count}`)
    .join(" ");
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx, codes };
}

const fmt = (name: string, r: { rps: number; p50: number; p99: number; errors: number; codes: string }) =>
  `${name.padEnd(66)} ${r.rps.toFixed(0).padStart(6)} saves/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}${r.codes ? ` (${r.codes})` : ""}`;

async function storeBench(label: string, databaseUrl?: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "atrium-bench-"));
  const port = nextPort++;
  const env = envFor(dir, port, databaseUrl);
  cli(["seed"], env);
  const key = cli(["apikey", "create", "--role", "admin", "--tenant", "demo", "--name", "bench"], env);
  const child = spawn(process.execPath, [BIN, "serve", "--no-worker"], { env, stdio: ["ignore", "ignore", "inherit"] });
  const stop = stopper(child);
  try {
    await waitReady(port, child);
    const sessions = await customerSessions(port, key);
    const responses = await surveyResponses(port, key);
    const ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";
    const onboarding = await load(port, (n) => ({
      method: "PATCH",
      path: "/api/v1/public/applications/me/answers",
      headers: { "content-type": "application/json", authorization: `Bearer ${sessions[n % sessions.length]}`, "user-agent": ua },
      body: SAVES[n % SAVES.length] as string,
    }));
    const survey = await load(port, (n) => {
      const r = responses[n % responses.length] as { id: string; token: string };
      return { method: "POST", path: `/api/v1/public/responses/${r.id}/answers`, headers: { "content-type": "application/json", authorization: `Bearer ${r.token}` }, body: SURVEY_SAVES[n % SURVEY_SAVES.length] as string };
    });
    return [fmt(`PATCH /public/applications/me/answers, ${label}`, onboarding), fmt(`peer: POST /public/responses/{id}/answers, ${label}`, survey)];
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const only = process.env.BENCH_ONLY; // "pg" | "pglite" to run one store
const lines: string[] = [
  `Onboarding autosave under load — node ${process.version}, ${DURATION}s × ${CONNECTIONS} connections over ${SESSIONS} customer sessions, client and server on one machine (--no-worker)`,
  "target (PostgreSQL): ≥ 500 saves/s, p99 < 100 ms",
];
if (!only || only === "pg") {
  const base = process.env.DATABASE_URL;
  if (base) {
    const db = await scratchDatabase(base, "atrium_bench_autosave");
    try {
      lines.push(...(await storeBench("PostgreSQL", db.url)));
    } finally {
      await db.drop();
    }
  } else {
    lines.push("PostgreSQL rows skipped: set DATABASE_URL=postgres://… to include them");
  }
}
if (!only || only === "pglite") lines.push(...(await storeBench("PGlite")));
console.log(`\n${lines.join("\n")}`);
