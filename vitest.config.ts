import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts", "seeds/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    env: { TZ: "UTC", NODE_ENV: "test" },
    pool: "forks",
    // One store per worker process, shared by its test files: every test builds its own tenant,
    // so nothing is truncated and files never see each other's rows.
    isolate: false,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
