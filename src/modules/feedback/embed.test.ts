import { runInNewContext } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../../../tests/support/context";
import { apiKeyHeaders, json, makeTenant, type TestTenant } from "../../../tests/support/factories";
import { publishedSurvey } from "./distribution.testkit";
import { WIDGET_JS } from "./embed";

const API = "/api/v1";
const ORIGIN = "https://cx.bank.example";
let ctx: TestContext;
let tenant: TestTenant;
let admin: Record<string, string>;
let viewer: Record<string, string>;
let survey: string;

beforeAll(async () => {
  ctx = await createTestContext({ env: { PUBLIC_URL: ORIGIN } });
  tenant = await makeTenant(ctx);
  admin = await apiKeyHeaders(ctx, tenant, "admin");
  viewer = await apiKeyHeaders(ctx, tenant, "viewer");
  survey = await publishedSurvey(ctx, tenant);
  await ctx.deps.db.updateTable("surveys").set({ name: 'Branch "visit" <2026>' }).where("id", "=", survey).execute();
});

const frameAncestors = (res: Response) => /frame-ancestors ([^;]*)/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

describe("QR codes", () => {
  it("encode the anonymous link with the qr channel, as PNG or SVG", async () => {
    const png = await ctx.app.request(`${API}/surveys/${survey}/qr?branch=TLV1&lang=he&size=256`, { headers: viewer });
    expect(png.status).toBe(200);
    expect(png.headers.get("content-type")).toBe("image/png");
    expect(png.headers.get("x-survey-url")).toBe(`${ORIGIN}/c/${tenant.slug}/s/${survey}?ch=qr&lang=he&branch=TLV1`);
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(bytes.readUInt32BE(16)).toBe(256); // IHDR width
    const svg = await ctx.app.request(`${API}/surveys/${survey}/qr?format=svg`, { headers: viewer });
    expect(svg.headers.get("content-type")).toBe("image/svg+xml");
    const text = await svg.text();
    expect(text).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(text).toContain("<path");
    expect((await ctx.app.request(`${API}/surveys/${survey}/qr?format=gif`, { headers: viewer })).status).toBe(400);
    expect((await ctx.app.request(`${API}/surveys/${crypto.randomUUID()}/qr`, { headers: viewer })).status).toBe(404);
  });
});

describe("embedding", () => {
  it("gives iframe and script snippets with escaped attributes", async () => {
    const res = await ctx.app.request(`${API}/surveys/${survey}/embed`, { headers: viewer });
    expect(res.status).toBe(200);
    const s = (await res.json()) as { url: string; iframe: string; script: string };
    expect(s.url).toBe(`${ORIGIN}/c/${tenant.slug}/s/${survey}?embed=1&ch=embed`);
    expect(s.iframe).toContain(`src="${ORIGIN}/c/${tenant.slug}/s/${survey}?embed=1&#38;ch=embed"`);
    expect(s.iframe).toContain('title="Branch &#34;visit&#34; &#60;2026&#62;"');
    expect(s.script).toBe(`<script src="${ORIGIN}/embed/survey.js" data-atrium-bank="${tenant.slug}" data-atrium-survey="${survey}" data-atrium-title="Branch &#34;visit&#34; &#60;2026&#62;" async></script>`);
  });

  it("serves the widget script cross-origin", async () => {
    const res = await ctx.app.request("/embed/survey.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(await res.text()).toBe(WIDGET_JS);
  });

  it("lets only the bank's origins (and Atrium) frame survey pages; everything else stays unframeable", async () => {
    const page = `/c/${tenant.slug}/s/${survey}`;
    let res = await ctx.app.request(page);
    expect(frameAncestors(res)).toBe("'self'");
    expect(res.headers.get("x-frame-options")).toBeNull();
    const put = await ctx.app.request(`${API}/feedback/settings`, { method: "PUT", ...json({ embedOrigins: ["https://www.bank.example", "https://app.bank.example:8443"] }, admin) });
    expect(put.status).toBe(200);
    res = await ctx.app.request(`${page}?embed=1&ch=embed`);
    expect(frameAncestors(res)).toBe("'self' https://www.bank.example https://app.bank.example:8443");
    expect(res.headers.get("x-frame-options")).toBeNull();
    // Another bank's survey pages do not inherit these origins.
    const other = await makeTenant(ctx);
    expect(frameAncestors(await ctx.app.request(`/c/${other.slug}/s/${survey}`))).toBe("'self'");
    for (const path of ["/app/", `${API}/org`, `/c/${tenant.slug}/`, "/embed/survey.js", "/healthz"]) {
      const r = await ctx.app.request(path, { headers: path.startsWith(API) ? admin : {} });
      expect(frameAncestors(r), path).toBe("'none'");
      expect(r.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });
});

/** A minimal DOM, enough to run the widget: scripts, iframes, message events, custom events. */
function fakeDom(scriptSrc: string, attrs: Record<string, string>) {
  const listeners: Array<(e: unknown) => void> = [];
  const inserted: Array<{ src: string; title: string; style: { cssText: string; height?: string }; contentWindow: object; events: Array<{ type: string; detail: unknown }>; attrs: Record<string, string> }> = [];
  const script = {
    src: scriptSrc,
    attributes: Object.entries(attrs).map(([name, value]) => ({ name, value })),
    getAttribute: (n: string) => (script.attributes.find((a) => a.name === n)?.value ?? null) as string | null,
    setAttribute: (n: string, v: string) => script.attributes.push({ name: n, value: v }),
    parentNode: { insertBefore: (el: (typeof inserted)[number]) => inserted.push(el) },
  };
  class CustomEvent {
    constructor(
      readonly type: string,
      readonly init: { detail: unknown },
    ) {}
  }
  const document = {
    currentScript: script,
    querySelector: () => null,
    querySelectorAll: () => (script.getAttribute("data-atrium-mounted") ? [] : [script]),
    createElement: () => {
      const el = { src: "", title: "", style: { cssText: "" } as { cssText: string; height?: string }, contentWindow: {}, events: [] as Array<{ type: string; detail: unknown }>, attrs: {} as Record<string, string> };
      return { ...el, setAttribute: (n: string, v: string) => Object.assign(el.attrs, { [n]: v }), dispatchEvent: (e: CustomEvent) => inserted[inserted.length - 1]?.events.push({ type: e.type, detail: e.init.detail }) };
    },
  };
  const window: Record<string, unknown> = { addEventListener: (_t: string, fn: (e: unknown) => void) => listeners.push(fn) };
  runInNewContext(WIDGET_JS, { window, document, location: { href: "https://www.bank.example/feedback" }, URL, URLSearchParams, CustomEvent });
  return {
    inserted,
    post: (e: unknown) => {
      for (const fn of listeners) fn(e);
    },
  };
}

describe("the widget script", () => {
  it("inserts the iframe, resizes it and fires atrium:survey-completed only for messages from Atrium's origin and its own frame", () => {
    const id = "01a20639-00ec-7608-8e8c-c8ee9c18d187";
    const dom = fakeDom(`${ORIGIN}/embed/survey.js`, { "data-atrium-survey": id, "data-atrium-bank": "first-bank", "data-atrium-lang": "ar", "data-atrium-hidden-branch": "TLV1" });
    expect(dom.inserted).toHaveLength(1);
    const frame = dom.inserted[0] as (typeof dom.inserted)[number];
    expect(frame.src).toBe(`${ORIGIN}/c/first-bank/s/${id}?embed=1&ch=embed&lang=ar&branch=TLV1`);
    const msg = (data: object, origin = ORIGIN, source: object = frame.contentWindow) => dom.post({ origin, source, data: { source: "atrium-survey", surveyId: id, ...data } });

    msg({ type: "height", height: 612.4 });
    expect(frame.style.height).toBe("613px");
    msg({ type: "height", height: 9999 }, "https://evil.example");
    msg({ type: "height", height: 9999 }, ORIGIN, {});
    expect(frame.style.height).toBe("613px");

    msg({ type: "completed", responseId: "r-1", endingId: "done" }, "https://evil.example");
    expect(frame.events).toEqual([]);
    msg({ type: "completed", responseId: "r-1", endingId: "done" });
    expect(frame.events).toEqual([{ type: "atrium:survey-completed", detail: { surveyId: id, responseId: "r-1", endingId: "done" } }]);
  });
});
