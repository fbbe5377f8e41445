import { sql } from "kysely";
import type { Db } from "./index";
import { foundation } from "./migrations/2026-11-23-0001-foundation";
import { feedback } from "./migrations/2026-11-23-0002-feedback";
import { feedbackRollups } from "./migrations/2026-11-23-0003-feedback-rollups";
import { feedbackDistribution } from "./migrations/2026-11-23-0004-feedback-distribution";
import { onboarding } from "./migrations/2026-11-23-0005-onboarding";
import { complianceBase } from "./migrations/2026-11-23-0006-compliance-base";
import { screeningLists } from "./migrations/2026-11-23-0007-screening-lists";
import { complianceReviews } from "./migrations/2026-11-23-0008-compliance-reviews";
import { signing } from "./migrations/2026-11-23-0009-signing";
import { journeyEvents } from "./migrations/2026-11-23-0010-journey-events";
import { journeys } from "./migrations/2026-11-23-0011-journeys";
import { foldOrder } from "./migrations/2026-11-23-0012-fold-order";

export interface Migration {
  /** Sortable, never renamed once released. */
  name: string;
  /** Statements run in order inside one transaction. */
  up: string[];
}

/** Every migration, in order. Add new ones at the end. */
export const migrations: Migration[] = [foundation, feedback, feedbackRollups, feedbackDistribution, onboarding, complianceBase, screeningLists, complianceReviews, signing, journeyEvents, journeys, foldOrder];

const LOCK_KEY = 4_242_001; // pg_advisory_xact_lock key shared by every Atrium process

/**
 * Applies pending migrations, each in its own transaction under an advisory lock, so two
 * processes starting together on one PostgreSQL apply each migration exactly once.
 * Returns the names applied now (empty when the store is current: idempotent).
 */
export async function migrateToLatest(db: Db, list: Migration[] = migrations): Promise<string[]> {
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    await sql`create table if not exists atrium_migrations (
      name text primary key, applied_at timestamptz not null default now())`.execute(trx);
  });
  const applied: string[] = [];
  for (const m of list) {
    const done = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      const row = await trx.selectFrom("atrium_migrations").select("name").where("name", "=", m.name).executeTakeFirst();
      if (row) return false;
      for (const statement of m.up) await sql.raw(statement).execute(trx);
      await trx.insertInto("atrium_migrations").values({ name: m.name }).execute();
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}

export async function appliedMigrations(db: Db): Promise<string[]> {
  const rows = await db.selectFrom("atrium_migrations").select("name").orderBy("name").execute();
  return rows.map((r) => r.name);
}
