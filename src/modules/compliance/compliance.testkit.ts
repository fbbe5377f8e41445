/**
 * Test kit for compliance: platform-wide lists inserted as rows with unique ids and synthetic
 * names (other tests share the store, so a test asserts only on its own rows), officers, and
 * applications answered by a synthetic applicant.
 */
import { randomBytes } from "node:crypto";
import type { TestContext } from "../../../tests/support/context";
import { makeUser, signIn, type TestTenant } from "../../../tests/support/factories";
import type { ListKind } from "../../db/schema-compliance";
import { noteListsChanged } from "../screening/screen";
import { CHECKING_ANSWERS, makeApplication, type AppOptions } from "../onboarding/review.testkit";

/**
 * A made-up name no real list or other test contains: three words of ten random letters (random
 * letters, not syllables: two syllable names from a small set score alike and would match).
 */
export function synthName(): string {
  const b = randomBytes(30);
  const word = (o: number) => {
    const w = Array.from({ length: 10 }, (_, i) => String.fromCharCode(97 + ((b[o + i] as number) % 26))).join("");
    return w.charAt(0).toUpperCase() + w.slice(1);
  };
  return `${word(0)} ${word(10)} ${word(20)}`;
}

export interface EntrySpec {
  name: string;
  birthDates?: string[];
  nationalities?: string[];
  details?: Record<string, unknown>;
}

export interface TestList {
  id: string;
  version: number;
  entryIds: string[];
}

/** A new list with one active version holding `entries`. */
export async function makeList(ctx: TestContext, entries: EntrySpec[], kind: ListKind = "sanctions"): Promise<TestList> {
  const id = `t-${randomBytes(5).toString("hex")}`;
  await ctx.deps.db.insertInto("screening_lists").values({ id, name: `Test list ${id}`, kind, format: kind === "pep" ? "pep-csv" : "un-xml", source_url: null, active_version: null }).execute();
  return addVersion(ctx, { id, version: 0, entryIds: [] }, entries);
}

/** The list's next version (the previous entries plus `more`), made active: what an import does. */
export async function addVersion(ctx: TestContext, list: TestList, more: EntrySpec[], keepPrevious = true): Promise<TestList> {
  const db = ctx.deps.db;
  const version = list.version + 1;
  const now = ctx.clock.now();
  await db.insertInto("screening_list_versions").values({ list_id: list.id, version, status: "active", source: "test", sha256: randomBytes(32).toString("hex"), entry_count: 0, name_count: 0, error: null, imported_by: "test", started_at: now, finished_at: now }).execute();
  const previous = keepPrevious && list.version ? await db.selectFrom("screening_entries").selectAll().where("list_id", "=", list.id).where("version", "=", list.version).execute() : [];
  const rows = [
    ...previous.map((p) => ({ ...p, version, aliases: JSON.stringify(p.aliases), birth_dates: JSON.stringify(p.birth_dates), nationalities: JSON.stringify(p.nationalities), programs: JSON.stringify(p.programs), details: JSON.stringify(p.details) })),
    ...more.map((e, i) => ({
      list_id: list.id,
      version,
      entry_id: `E${version}-${i}-${randomBytes(3).toString("hex")}`,
      kind: "individual" as const,
      name: e.name,
      aliases: JSON.stringify([]),
      birth_dates: JSON.stringify(e.birthDates ?? []),
      nationalities: JSON.stringify(e.nationalities ?? []),
      programs: JSON.stringify(["TEST"]),
      details: JSON.stringify(e.details ?? { remarks: "synthetic test entry" }),
    })),
  ];
  if (rows.length) await db.insertInto("screening_entries").values(rows).execute();
  if (list.version) await db.updateTable("screening_list_versions").set({ status: "superseded" }).where("list_id", "=", list.id).where("version", "=", list.version).execute();
  await db.updateTable("screening_list_versions").set({ entry_count: rows.length, name_count: rows.length }).where("list_id", "=", list.id).where("version", "=", version).execute();
  await db.updateTable("screening_lists").set({ active_version: version }).where("id", "=", list.id).execute();
  noteListsChanged();
  return { id: list.id, version, entryIds: rows.map((r) => r.entry_id) };
}

/** An application (about to be screened) whose applicant is `name`, born `dateOfBirth`. */
export async function applicantApp(ctx: TestContext, tenant: TestTenant, name: string, o: AppOptions & { dateOfBirth?: string } = {}) {
  return makeApplication(ctx, tenant, { name, answers: { ...CHECKING_ANSWERS, fullName: name, dateOfBirth: o.dateOfBirth ?? "1971-03-05", wantsDeposit: false }, ...o });
}

/** A compliance officer with a signed-in session. */
export async function officer(ctx: TestContext, tenant: TestTenant) {
  const user = await makeUser(ctx, tenant, { role: "compliance_officer" });
  return { user, session: await signIn(ctx, tenant, user.email) };
}

export const reviewsOf = (ctx: TestContext, tenantId: string, applicationId: string) =>
  ctx.deps.db.selectFrom("compliance_reviews").selectAll().where("tenant_id", "=", tenantId).where("application_id", "=", applicationId).orderBy("created_at").orderBy("id").execute();

export const checksOf = (ctx: TestContext, tenantId: string, applicationId: string, kind = "sanctions") =>
  ctx.deps.db.selectFrom("application_checks").selectAll().where("tenant_id", "=", tenantId).where("application_id", "=", applicationId).where("kind", "=", kind).orderBy("created_at").orderBy("id").execute();
