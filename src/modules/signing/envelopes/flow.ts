/**
 * The onboarding flow's signature step: the application's envelope for the step, made from the
 * current answers. Same answers (digest) → the same envelope; changed answers → the open one is
 * voided (answers_changed) and a new one made, also when the applicant had signed already (they
 * sign the new documents). The applicant, already on the page, gets a fresh token and no message.
 */
import { inTransaction } from "../../../db";
import { AppError } from "../../../kernel/errors";
import type { Deps } from "../../../server/deps";
import type { Answers, Step } from "../../onboarding/flow/types";
import type { ApplicationRow } from "../../onboarding/timeline";
import { type EnvelopeRow, rotateToken, signersOf } from "./common";
import { makeEnvelope } from "./create";
import { answersDigest, asLang } from "./data";
import { appendEvent } from "./events";
import type { SignerInput, SigningMeta } from "./types";

interface CoSigner {
  role: "co_applicant" | "guarantor";
  nameField: string;
  emailField?: string;
  phoneField?: string;
}

interface Settings {
  documents: string[];
  coSigners?: CoSigner[];
  routing?: "parallel" | "sequential";
  expiresInDays?: number;
  otp?: "auto" | "sms" | "email";
}

function settingsOf(step: Step): Settings {
  const s = (step.settings ?? {}) as Partial<Settings>;
  if (!Array.isArray(s.documents) || s.documents.length === 0) {
    throw new AppError("validation_failed", "The signature step names no documents", { issues: [{ path: "settings.documents", message: "1 to 10 template keys", code: "required" }] });
  }
  return s as Settings;
}

function signersFor(app: ApplicationRow, settings: Settings): SignerInput[] {
  const answers = (app.answers ?? {}) as Answers;
  const str = (id: string | undefined) => {
    const v = id ? answers[id] : undefined;
    return typeof v === "string" && v.trim() ? v.trim() : null;
  };
  // The step's code channel: the applicant's codes go only where it says, when that contact is known
  // (otherwise to the one there is, rather than leaving the customer unable to sign).
  const onlySms = settings.otp === "sms" && app.customer_phone;
  const onlyEmail = settings.otp === "email" && app.customer_email;
  const applicant: SignerInput = {
    role: "applicant",
    name: app.customer_name,
    email: onlySms ? null : app.customer_email,
    phone: onlyEmail ? null : app.customer_phone,
    language: asLang(app.language),
  };
  const out: SignerInput[] = [applicant];
  for (const c of settings.coSigners ?? []) {
    const name = str(c.nameField);
    if (!name) continue;
    const email = str(c.emailField);
    const phone = str(c.phoneField);
    if (!email && !phone) continue;
    out.push({ role: c.role, name, email, phone, language: asLang(app.language) });
  }
  return out;
}

export async function applicantSigning(deps: Deps, meta: SigningMeta, app: ApplicationRow, step: Step): Promise<{ envelope: EnvelopeRow; token: string | null }> {
  const settings = settingsOf(step);
  const digest = answersDigest(app.answers);
  const now = deps.clock.now();
  const reuse = await inTransaction(deps.db, async (trx) => {
    const current = await trx
      .selectFrom("envelopes")
      .selectAll()
      .where("tenant_id", "=", app.tenant_id)
      .where("application_id", "=", app.id)
      .where("step_id", "=", step.id)
      .where("status", "in", ["sent", "completed"])
      .orderBy("created_at", "desc")
      .limit(1)
      .forUpdate()
      .executeTakeFirst();
    if (!current) return null;
    const live = current.status === "completed" || current.expires_at > now;
    if (current.answers_digest === digest && live) {
      const applicant = (await signersOf(trx, current)).find((s) => s.role === "applicant");
      if (!applicant || applicant.status === "signed" || current.status !== "sent") return { envelope: current, token: null };
      return { envelope: current, token: await rotateToken(trx, applicant, current.expires_at) };
    }
    if (current.status === "sent") {
      const reason = current.answers_digest === digest ? "expired" : "answers_changed";
      await trx.updateTable("envelopes").set({ status: "voided", closed_at: now, close_reason: reason, next_reminder_at: null }).where("tenant_id", "=", current.tenant_id).where("id", "=", current.id).execute();
      await appendEvent(trx, { now, actor: null, requestId: meta.requestId }, current, { action: "voided", ip: meta.ip, userAgent: meta.userAgent, data: { reason } });
    }
    return null;
  });
  if (reuse) return reuse;
  const created = await makeEnvelope(
    deps.db,
    deps,
    meta,
    {
      tenantId: app.tenant_id,
      applicationId: app.id,
      documents: settings.documents,
      signers: signersFor(app, settings),
      routing: settings.routing ?? "sequential",
      expiresInDays: settings.expiresInDays,
      stepId: step.id,
    },
    { silentRole: "applicant" },
  );
  const applicant = (await signersOf(deps.db, created.envelope)).find((s) => s.role === "applicant");
  return { envelope: created.envelope, token: (applicant && created.tokens.get(applicant.id)) ?? null };
}
