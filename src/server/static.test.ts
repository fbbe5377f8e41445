import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../tests/support/context";
import { WEB_DIST } from "./static";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});

describe("static pages", () => {
  it("never serves files outside the built folder", async () => {
    for (const path of ["/app/..%2f..%2fpackage.json", "/app/%2e%2e/%2e%2e/package.json", "/c/..%2F..%2F..%2Fpackage.json"]) {
      const res = await ctx.app.request(path);
      const text = await res.text();
      expect(text, path).not.toContain('"name": "atrium"');
    }
  });

  it("answers a malformed escape with 404, not a server error", async () => {
    const res = await ctx.app.request("/app/%E0%A4%A");
    expect(res.status).toBe(404);
  });

  it("falls back to the app's index for client-side routes", async () => {
    const res = await ctx.app.request("/app/users/some/deep/link");
    expect([200, 503]).toContain(res.status);
    if (res.status === 200) expect(await res.text()).toMatch(/<div id="root"|<!doctype html>/i);
  });

  it("answers the browser's favicon request without an error", async () => {
    expect((await ctx.app.request("/favicon.ico")).status).toBe(204);
  });
});

describe("the application pages under /c", () => {
  const built = existsSync(join(WEB_DIST, "customer", "apply.html"));

  it("serves apply.html with the strict policy for a link, the product list and a start form", async () => {
    for (const path of ["/c/demo/a/AbC123_-xyz", "/c/demo/a/AbC123_-xyz/", "/c/demo/apply", "/c/demo/apply/", "/c/demo/apply/checking"]) {
      const res = await ctx.app.request(path);
      // Without a web build the page says so (503); with one, it is the application page.
      expect(res.status, path).toBe(built ? 200 : 503);
      if (!built) continue;
      const html = await res.text();
      expect(html, path).toContain("/c/assets/apply-");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("https:");
      expect(res.headers.get("set-cookie"), path).toBeNull();
      expect(res.headers.get("cache-control"), path).toBe("no-cache");
    }
  });

  it("keeps other addresses on their own pages", async () => {
    if (!built) {
      expect((await ctx.app.request("/c/demo/apply/checking/more")).status).toBe(503);
      return;
    }
    const survey = await (await ctx.app.request("/c/demo/s/8b0f5c7e-2f4e-4c38-9a53-2b4f7a3c1d20")).text();
    expect(survey).toContain("/c/assets/survey-");
    for (const path of ["/c/demo/a", "/c/demo/a/t/extra", "/c/demo/apply/checking/more", "/c/demo/other"]) {
      const html = await (await ctx.app.request(path)).text();
      expect(html, path).not.toContain("/c/assets/apply-");
    }
  });

  it("the page's script is an external module (no inline script for the strict policy)", () => {
    const html = readFileSync(new URL("../../web/customer/apply.html", import.meta.url), "utf8");
    expect(html).toMatch(/<script type="module" src="\.\/src\/apply\/main\.ts"><\/script>/);
    expect(html.match(/<script/g)?.length).toBe(1);
  });
});

describe("the seal verification page under /c", () => {
  const built = existsSync(join(WEB_DIST, "customer", "verify.html"));

  it("serves verify.html with the strict policy at /c/{bank}/verify", async () => {
    for (const path of ["/c/demo/verify", "/c/demo/verify/", "/c/other-bank/verify?lang=he"]) {
      const res = await ctx.app.request(path);
      expect(res.status, path).toBe(built ? 200 : 503);
      if (!built) continue;
      const html = await res.text();
      expect(html, path).toContain("/c/assets/verify-");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("connect-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain("https:");
      expect(res.headers.get("set-cookie"), path).toBeNull();
      expect(res.headers.get("cache-control"), path).toBe("no-cache");
    }
  });

  it("leaves neighbouring addresses to their own pages", async () => {
    if (!built) return;
    for (const path of ["/c/demo/verify/extra", "/c/verify", "/c/demo/apply", "/c/demo/s/8b0f5c7e-2f4e-4c38-9a53-2b4f7a3c1d20"]) {
      const html = await (await ctx.app.request(path)).text();
      expect(html, path).not.toContain("/c/assets/verify-");
    }
  });

  it("the page's script is an external module (no inline script for the strict policy)", () => {
    const html = readFileSync(new URL("../../web/customer/verify.html", import.meta.url), "utf8");
    expect(html).toMatch(/<script type="module" src="\.\/src\/verify\/main\.ts"><\/script>/);
    expect(html.match(/<script/g)?.length).toBe(1);
  });
});
