import { z } from "@hono/zod-openapi";

const email = z.email().max(254);
const slug = z.string().min(2).max(63).regex(/^[a-z0-9][a-z0-9-]+$/, "is not a bank identifier");

export const LoginBody = z
  .strictObject({
    tenant: slug.optional().openapi({ description: "The bank's slug; optional when the server hosts one bank" }),
    email,
    password: z.string().min(1).max(1024),
  })
  .openapi("LoginRequest");

export const TotpBody = z.strictObject({ code: z.string().regex(/^\d{6}$/, "must be 6 digits") }).openapi("TotpCode");
export const ForgotBody = z.strictObject({ tenant: slug.optional(), email }).openapi("ForgotPassword");
export const ResetBody = z.strictObject({ token: z.string().min(20).max(200), password: z.string().min(1).max(1024) }).openapi("ResetPassword");
export const AcceptInvitationBody = z
  .strictObject({ token: z.string().min(20).max(200), name: z.string().trim().min(1).max(200), password: z.string().min(1).max(1024) })
  .openapi("AcceptInvitation");
export const InvitationPreview = z.object({ email: z.string(), name: z.string(), tenantName: z.string() }).openapi("InvitationPreview");
export const TokenParam = z.object({ token: z.string().min(20).max(200).openapi({ param: { name: "token", in: "path" } }) });
