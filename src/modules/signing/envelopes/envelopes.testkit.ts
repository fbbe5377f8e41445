/** Envelope test helpers: PNG images made here (a signature, a blank pad), and a signer walking through a link. */
import type { TestContext } from "../../../../tests/support/context";
import { apiKeyHeaders, type TestTenant } from "../../../../tests/support/factories";
import { ANNA, kit } from "../../onboarding/applications.testkit";
import { CONSENT_VERSION } from "./consent";
import { giveConsent, markViewed, sendSigningOtp, signEnvelope, verifySigningOtp } from "./service";
import type { SigningMeta } from "./types";

import { SIGNATURE_PNG } from "./png-fixture";

export { BLANK_PNG, makePng, SIGNATURE_PNG } from "./png-fixture";

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
