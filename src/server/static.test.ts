import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../tests/support/context";

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
