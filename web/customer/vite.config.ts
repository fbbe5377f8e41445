import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The customer-facing pages: plain TypeScript, no framework, for phones on slow networks.
 * Five entries: index.html (the shell at /c/{bank}/…), survey.html (the respondent page at
 * /c/{bank}/s/{surveyId}, with the survey logic engine bundled in), apply.html (the application
 * pages at /c/{bank}/a/{token} and /c/{bank}/apply[/{product}], with the onboarding flow logic),
 * verify.html (the public seal check at /c/{bank}/verify) and sign.html (a signer's link at
 * /c/{bank}/sign#{token}). Each loads only its own code plus the small shared chunk (translations,
 * base styles); the signing UI is its own chunk in the apply page too (its signature step imports
 * it when shown), and pdf.js with its worker only when an uploaded document is shown.
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
      input: { index: here("index.html"), survey: here("survey.html"), apply: here("apply.html"), verify: here("verify.html"), sign: here("sign.html") },
    },
  },
  logLevel: "warn",
});
