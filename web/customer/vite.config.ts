import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The customer-facing pages: plain TypeScript, no framework, for phones on slow networks.
 * Served at /c with an SPA fallback, so /c/{bank}/… always loads this shell.
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
    // The shell is tiny; keep it one request.
    modulePreload: { polyfill: false },
  },
  logLevel: "warn",
});
