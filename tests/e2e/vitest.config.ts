import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * Browser journeys: the real app in-process on 127.0.0.1, driven by Debian's chromium through
 * playwright-core. One worker, one file at a time: each test starts its own browser.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    // The suite's own store setup (PostgreSQL when DATABASE_URL is set), then the web build.
    globalSetup: ["tests/support/global-setup.ts", "tests/e2e/global-setup.ts"],
    env: { TZ: "UTC", NODE_ENV: "test" },
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
