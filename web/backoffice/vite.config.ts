import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The back office: React with Vite's built-in oxc JSX transform (automatic runtime), so no
 * React plugin is needed. Served by the API server at /app with an SPA fallback.
 */
export default defineConfig({
  root: here("."),
  base: "/app/",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: here("../dist/backoffice"),
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    // The server's CSP forbids inline scripts; keep assets as files rather than data: URLs.
    assetsInlineLimit: 0,
    // The one large chunk is ECharts (about 490 kB minified, 160 kB gzipped), loaded only when a
    // results chart first appears; everything else stays well under this.
    chunkSizeWarningLimit: 600,
  },
  logLevel: "warn",
});
