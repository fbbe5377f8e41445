import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The customer-facing pages: plain TypeScript, no framework, for phones on slow networks.
 * Four entries: index.html (the shell at /c/{bank}/…), survey.html (the respondent page at
 * /c/{bank}/s/{surveyId}, with the survey logic engine bundled in), apply.html (the application
 * pages at /c/{bank}/a/{token} and /c/{bank}/apply[/{product}], with the onboarding flow logic) and
 * verify.html (the public seal check at /c/{bank}/verify). Each loads only its own code
 * plus the small shared chunk (translations, base styles).
 */
export default defineConfig({
  root: here("."),
  base: "/c/",
  publicDir: false,
  build: {
    outDir: here("../dist/customer"),
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: {
      input: { index: here("index.html"), survey: here("survey.html"), apply: here("apply.html"), verify: here("verify.html") },
    },
  },
  logLevel: "warn",
});
