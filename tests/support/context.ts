import { inject } from "vitest";
import { type Config, testConfig } from "../../src/config";
import { openStore, type Store } from "../../src/db";
import { migrateToLatest } from "../../src/db/migrate";
import { ManualClock } from "../../src/kernel/clock";
import type { EmailTransport, SmsProvider } from "../../src/modules/notifications/providers";
import { createApp } from "../../src/server/app";
import { boot } from "../../src/server/boot";
import type { Deps } from "../../src/server/deps";

let shared: Promise<Store> | null = null;

/** One store per worker process: in-memory PGlite, or the suite's own PostgreSQL database. */
function sharedStore(config: Config): Promise<Store> {
  if (!shared) {
    shared = (async () => {
      const store = await openStore(config, { inMemory: true });
      await migrateToLatest(store.db);
      return store;
    })();
  }
  return shared;
}

export function testDatabaseUrl(): string | null {
  return inject("testDatabaseUrl") ?? null;
}

export interface TestContext {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  clock: ManualClock;
  config: Config;
}

/**
 * A real app on the real store. The clock is manual (starts at real now, so database defaults
 * and app times agree) and moves only when a test moves it.
 */
export async function createTestContext(
  opts: { env?: Record<string, string>; email?: EmailTransport; sms?: SmsProvider } = {},
): Promise<TestContext> {
  const url = testDatabaseUrl();
  const config = testConfig({ ...(url ? { DATABASE_URL: url } : {}), ...opts.env });
  const store = await sharedStore(config);
  const clock = new ManualClock(new Date());
  const { deps } = await boot(config, { store, clock, migrate: false, email: opts.email, sms: opts.sms });
  return { deps, app: createApp(deps), clock, config };
}
