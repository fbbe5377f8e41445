import pg from "pg";
import type { TestProject } from "vitest/node";
import { Kysely, PostgresDialect } from "kysely";
import type { DB } from "../../src/db/schema";
import { migrateToLatest } from "../../src/db/migrate";

/**
 * With DATABASE_URL set, the suite runs on PostgreSQL in a fresh database of its own (created
 * here, migrated once, dropped at the end), never in the database the URL names.
 */
declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  project.provide("testDatabaseUrl", null);
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const name = `atrium_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  project.provide("testDatabaseUrl", testUrl.toString());
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: testUrl.toString() }) }) });
  await migrateToLatest(db);
  await db.destroy();
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}
