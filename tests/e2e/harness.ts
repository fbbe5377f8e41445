import { existsSync, mkdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createTestContext, type TestContext } from "../support/context";

export const CHROMIUM = "/usr/bin/chromium";
const AXE = fileURLToPath(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url));

export interface RunningApp {
  ctx: TestContext;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app (real store, real routes, real static files) on 127.0.0.1 and a free port. */
export async function startApp(): Promise<RunningApp> {
  const ctx = await createTestContext();
  const server = serve({ fetch: ctx.app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", () => resolve());
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    ctx,
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * Debian's chromium, headless. `launch` gives every browser a fresh temporary profile
 * (user-data dir) of its own, deleted on close.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface PageProblems {
  /** Console errors and uncaught exceptions, each as one line. */
  errors: string[];
}

/**
 * Collects console errors and page errors. The one expected error is the browser's own log line
 * for `GET /api/v1/auth/session` answering 401 before anyone has signed in (the contract's way of
 * saying "no session"); anything else counts.
 */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { errors: [] };
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const url = msg.location().url ?? "";
    if (url.endsWith("/api/v1/auth/session") && msg.text().includes("401")) return;
    problems.errors.push(`console: ${msg.text()} (${url})`);
  });
  page.on("pageerror", (err) => problems.errors.push(`pageerror: ${err.message}`));
  return problems;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page, from node_modules (no CDN). `page.addScriptTag` would add an inline
 * <script>, which the app's CSP (`script-src 'self'`) rightly blocks; evaluating the source over
 * the DevTools protocol is not subject to the page's CSP and leaves the policy itself untested-around.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(readFileSync(AXE, "utf8"));
  return page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

export const seriousOnly = (violations: AxeViolation[]) =>
  violations.filter((v) => v.impact === "serious" || v.impact === "critical");

export async function newPage(browser: Browser, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: "en-GB" });
  const page = await context.newPage();
  return { context, page };
}

/**
 * The page's width, and the elements sticking out past the viewport (for the failure message):
 * a phone page must not scroll sideways.
 */
export async function sideways(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits: string[] = [];
    for (const el of document.body.querySelectorAll<HTMLElement>("*")) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 0.5 && r.left >= -0.5)) continue;
      // Report the outermost offender only; inside a scroller (a wide table) is fine, unless it
      // is positioned out of it (an absolutely positioned child of an unpositioned scroller).
      const positioned = getComputedStyle(el).position;
      const escapes = positioned === "absolute" || positioned === "fixed";
      if (el.closest(".table-wrap") && !el.classList.contains("table-wrap") && !escapes) continue;
      const parent = el.parentElement?.getBoundingClientRect();
      if (parent && (parent.right > width + 0.5 || parent.left < -0.5)) continue;
      culprits.push(`${el.tagName.toLowerCase()}.${[...el.classList].join(".")} [${Math.round(r.left)}, ${Math.round(r.right)}]`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, culprits };
  });
}

export async function expectNoSidewaysScroll(page: Page, width: number): Promise<void> {
  const { scrollWidth, culprits } = await sideways(page);
  if (scrollWidth > width) throw new Error(`page is ${scrollWidth}px wide at ${width}px: ${culprits.join("; ")}`);
}

/** On failure: where the page was, what it said, and a screenshot in .ci-out/e2e-failures/. */
export async function describeFailure(page: Page, name: string, problems: PageProblems): Promise<string> {
  try {
    const dir = fileURLToPath(new URL("../../.ci-out/e2e-failures", import.meta.url));
    mkdirSync(dir, { recursive: true });
    const file = `${dir}/${name.replace(/[^a-z0-9]+/gi, "-").slice(0, 80)}.png`;
    await page.screenshot({ path: file, fullPage: true });
    const text = ((await page.locator("body").textContent({ timeout: 2000 })) ?? "").slice(0, 1500);
    return `url: ${page.url()}\nscreenshot: ${file}\nerrors: ${JSON.stringify(problems.errors)}\ntext:\n${text}`;
  } catch (err) {
    return `could not describe the page: ${String(err)}`;
  }
}

/**
 * The real app on a random port and one Chromium, for the whole file: started before its tests,
 * closed after them. Read `live.app` / `live.browser` inside tests.
 */
export function useLiveApp(): { readonly app: RunningApp; readonly browser: Browser } {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not started yet (use it inside a test)`);
    return value;
  };
  return {
    get app() {
      return ready(app, "the app");
    },
    get browser() {
      return ready(browser, "chromium");
    },
  };
}
