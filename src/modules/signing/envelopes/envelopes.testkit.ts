/** Envelope test helpers: PNG images made here (a signature, a blank pad), and a signer walking through a link. */
import { deflateSync } from "node:zlib";
import type { TestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, type TestTenant } from "../../../../tests/support/factories";
import { ANNA, kit } from "../../onboarding/applications.testkit";
import { CONSENT_VERSION } from "./consent";
import { giveConsent, markViewed, sendSigningOtp, signEnvelope, verifySigningOtp } from "./service";
import type { SigningMeta } from "./types";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** An RGBA PNG (filter "Sub" on odd rows, to exercise unfiltering) where `ink(x, y)` pixels are dark blue, the rest transparent. */
export function makePng(width: number, height: number, ink: (x: number, y: number) => boolean): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const px = Buffer.alloc(width * 4);
    for (let x = 0; x < width; x++) if (ink(x, y)) px.set([20, 30, 120, 255], x * 4);
    if (y % 2) {
      const f = Buffer.alloc(width * 4);
      for (let i = 0; i < px.length; i++) f[i] = ((px[i] as number) - (i >= 4 ? (px[i - 4] as number) : 0)) & 0xff;
      rows.push(Buffer.concat([Buffer.from([1]), f]));
    } else rows.push(Buffer.concat([Buffer.from([0]), px]));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** A wavy stroke 4 px thick across a 300×100 pad (about 4% ink). */
export const SIGNATURE_PNG = makePng(300, 100, (x, y) => Math.abs(y - (50 + 25 * Math.sin(x / 20))) < 2 && x > 20 && x < 280);
export const BLANK_PNG = makePng(300, 100, (x, y) => x === 150 && y === 50);

export const signerMeta = (ip = "203.0.113.7", ua = "Mozilla/5.0 (Linux; Android 14) Mobile"): SigningMeta => ({ actor: null, ip, userAgent: ua });

export function envelopeKit(ctx: TestContext) {
  const k = kit(ctx);
  /** A personal-loan application for Anna (phone and email), made through the API. */
  const application = async (tenant: TestTenant, customer: Record<string, unknown> = { ...ANNA, nationalId: "123456789" }) => {
    const api = await apiKeyHeaders(ctx, tenant, "agent");
    return k.ok<{ id: string }>(await k.req("POST", "/applications", { product: "personal_loan", customer }, api), 201);
  };
  const messagesTo = (tenantId: string, to: string) =>
    ctx.deps.db.selectFrom("messages").selectAll().where("tenant_id", "=", tenantId).where("recipient", "=", to).orderBy("created_at", "desc").orderBy("id", "desc").execute();
  const signTokenIn = (body: string) => {
    const m = /\/c\/[^/\s]+\/sign#([A-Za-z0-9_-]{40,60})/.exec(body);
    if (!m?.[1]) throw new Error(`no signing link in: ${body}`);
    return m[1];
  };
  /** The signing link in the newest message to `to`. */
  const tokenFor = async (tenantId: string, to: string) => signTokenIn((await k.lastMessage(tenantId, to)).body_text);
  /** Opens, consents, passes the code sent to `to`. */
  const authenticate = async (tenantId: string, token: string, to: string, meta = signerMeta()) => {
    await markViewed(ctx.deps, meta, token);
    await giveConsent(ctx.deps, meta, token, CONSENT_VERSION);
    await sendSigningOtp(ctx.deps, meta, token);
    const code = k.codeIn((await k.lastMessage(tenantId, to)).body_text);
    return verifySigningOtp(ctx.deps, meta, token, code);
  };
  const signAll = async (tenantId: string, token: string, to: string, meta = signerMeta()) => {
    await authenticate(tenantId, token, to, meta);
    return signEnvelope(ctx.deps, meta, token, { kind: "drawn", png: SIGNATURE_PNG }, {});
  };
  return { ...k, application, messagesTo, signTokenIn, tokenFor, authenticate, signAll };
}
