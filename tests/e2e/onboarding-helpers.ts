/**
 * For the application-page browser test: the staff side through the API (an admin API key), the
 * dev outbox read the way a person would (GET /outbox/messages), and real small files made in the
 * test (a JPEG drawn by the browser's canvas, a PDF written by hand).
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { TestContext } from "../support/context";
import { apiKeyHeaders, type TestTenant } from "../support/factories";
import { runAxe, seriousOnly } from "./harness";

export interface Staff {
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  bytes(path: string): Promise<{ type: string; body: Buffer }>;
}

export async function staff(ctx: TestContext, tenant: TestTenant): Promise<Staff> {
  const headers = await apiKeyHeaders(ctx, tenant);
  return {
    async call<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await ctx.app.request(`/api/v1${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async bytes(path) {
      const res = await ctx.app.request(`/api/v1${path}`, { headers });
      if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
      return { type: res.headers.get("content-type") ?? "", body: Buffer.from(await res.arrayBuffer()) };
    },
  };
}

interface OutboxMessage {
  channel: string;
  recipient: string;
  template: string;
  locale: string;
  bodyText: string;
  createdAt: string;
}

/** The newest SMS to `to` whose template matches, from the outbox (bodies are shown in development). */
export async function newestSms(api: Staff, to: string, template: RegExp): Promise<OutboxMessage> {
  const { items } = await api.call<{ items: OutboxMessage[] }>("GET", "/outbox/messages?channel=sms&limit=50");
  const found = items.find((m) => m.recipient.replace(/\s/g, "") === to && template.test(m.template));
  if (!found) throw new Error(`no ${template} SMS to ${to} in the outbox: ${JSON.stringify(items.map((m) => m.template))}`);
  return found;
}

/** The page path of the link in the SMS (`/c/{bank}/a/{token}`). */
export function linkPath(sms: OutboxMessage): string {
  const path = /\/c\/[^/\s]+\/a\/[\w-]+/.exec(sms.bodyText)?.[0];
  if (!path) throw new Error(`no application link in the SMS: ${sms.bodyText}`);
  return path;
}

export function codeIn(sms: OutboxMessage): string {
  const code = /(?<!\d)(\d{6})(?!\d)/.exec(sms.bodyText)?.[1];
  if (!code) throw new Error(`no 6-digit code in the SMS: ${sms.bodyText}`);
  return code;
}

/** A real JPEG from the browser's canvas, larger than the page's 2000-px limit (a phone photo). */
export async function cameraJpeg(page: Page, width = 2600, height = 1800): Promise<Buffer> {
  const base64 = await page.evaluate(
    async ([w, hgt]) => {
      const canvas = document.createElement("canvas");
      canvas.width = w as number;
      canvas.height = hgt as number;
      const g = canvas.getContext("2d") as CanvasRenderingContext2D;
      g.fillStyle = "#dfe7f5";
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.fillStyle = "#1d4ed8";
      g.font = "160px sans-serif";
      g.fillText("ID 123456782", 120, 400);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, "image/jpeg", 0.95));
      const bytes = new Uint8Array(await (blob as Blob).arrayBuffer());
      let s = "";
      for (const b of bytes) s += String.fromCharCode(b);
      return btoa(s);
    },
    [width, height],
  );
  return Buffer.from(base64, "base64");
}

/** Width and height from a JPEG's SOF marker. */
export function jpegSize(bytes: Buffer): { width: number; height: number } | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) return null;
    const marker = bytes[i + 1] as number;
    const len = bytes.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: bytes.readUInt16BE(i + 5), width: bytes.readUInt16BE(i + 7) };
    }
    i += 2 + len;
  }
  return null;
}

/** A one-page PDF with correct cross-references, written by hand. */
export function smallPdf(text = "Electricity bill, 12 Herzl St, Haifa"): Buffer {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    "",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  const stream = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, "0")} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

export async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = seriousOnly(await runAxe(page));
  expect(violations, `${where}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** The page's language and direction. */
export const langDir = (page: Page) => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);

/** The focused element's name attribute (resume puts the focus back on a field). */
export const focusedName = (page: Page) => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null);

/** The customer's public API with the session the page keeps in sessionStorage (to skip ahead). */
export function customerApi(ctx: TestContext, sessionToken: string) {
  return async <T>(method: string, path: string, body?: unknown, file?: { type: string; name: string; bytes: Buffer }): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${sessionToken}` };
    if (file) Object.assign(headers, { "content-type": file.type, "x-file-name": file.name });
    else if (body !== undefined) headers["content-type"] = "application/json";
    const res = await ctx.app.request(`/api/v1/public${path}`, {
      method,
      headers,
      body: file ? new Blob([new Uint8Array(file.bytes)]) : body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** The session token this tab keeps (sessionStorage) for the link on screen. */
export const tabSession = (page: Page) =>
  page.evaluate(() => {
    const key = Object.keys(sessionStorage).find((k) => location.pathname.endsWith(k.slice("atrium.apply.".length)));
    return key ? (JSON.parse(sessionStorage.getItem(key) as string) as { sessionToken: string; applicationId: string }) : null;
  });
