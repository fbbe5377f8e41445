/**
 * The back office's hand-written API types must equal what the server's schemas produce: the
 * same schemas generate /api/v1/openapi.json, so a change to either side that is not made on the
 * other fails `tsc` here (npm test and CI typecheck it). Checked, never run. (A new optional field
 * on one side only still passes: optional properties are mutually assignable.)
 */
import type { z } from "zod";
import type { JobSchema } from "../../src/jobs/routes";
import type { AuditEntrySchema, VerifySchema } from "../../src/modules/audit/routes";
import type { ApiKey } from "../../src/modules/auth/apikeys-routes";
import type { Enrolment } from "../../src/modules/auth/me-routes";
import type { MeSchema, SignedInSchema } from "../../src/modules/auth/presenter";
import type { InvitationPreview } from "../../src/modules/auth/schemas";
import type { MessageSchema } from "../../src/modules/notifications/routes";
import type { Org } from "../../src/modules/tenancy/org-routes";
import type { InvitationSchema, UserSchema } from "../../src/modules/tenancy/presenter";
import type { ProblemSchema } from "../../src/server/openapi";
import type * as Web from "../../web/backoffice/src/api/types";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Every answer the server can give fits the client's type (the client also builds its own). */
type Fits<Server, Client> = [Server] extends [Client] ? true : false;
type Out<S extends z.ZodType> = z.output<S>;

export const contract: {
  me: Same<Web.Me, Out<typeof MeSchema>>;
  signedIn: Same<Web.SignedIn, Out<typeof SignedInSchema>>;
  user: Same<Web.User, Out<typeof UserSchema>>;
  invitation: Same<Web.Invitation, Out<typeof InvitationSchema>>;
  invitationPreview: Same<Web.InvitationPreview, Out<typeof InvitationPreview>>;
  org: Same<Web.OrgTree, Out<typeof Org>>;
  apiKey: Same<Web.ApiKey, Out<typeof ApiKey>>;
  totp: Same<Web.TotpSetup, Out<typeof Enrolment>>;
  audit: Same<Web.AuditEntry, Out<typeof AuditEntrySchema>>;
  verify: Same<Web.AuditVerification, Out<typeof VerifySchema>>;
  job: Same<Web.Job, Out<typeof JobSchema>>;
  message: Same<Web.OutboxMessage, Out<typeof MessageSchema>>;
  problem: Fits<Out<typeof ProblemSchema>, Web.Problem>;
} = {
  me: true,
  signedIn: true,
  user: true,
  invitation: true,
  invitationPreview: true,
  org: true,
  apiKey: true,
  totp: true,
  audit: true,
  verify: true,
  job: true,
  message: true,
  problem: true,
};
