/** Helpers for the application tests: create through the API, read links and codes from the outbox. */
import { expect } from "vitest";
import type { TestContext } from "../../../tests/support/context";
import { send } from "../../../tests/support/routes";
import { newId } from "../../kernel/ids";

export const API = "/api/v1";
export const PHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";
export const LAPTOP_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Safari/605.1.15";

export type Json = Record<string, unknown>;

export function kit(ctx: TestContext) {
  const req = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    ctx.app.request(`${API}${path}`, body === undefined ? { method, headers } : send(method, body, headers));
  const ok = async <T = Json>(res: Response, status = 200): Promise<T> => {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return (text ? JSON.parse(text) : null) as T;
  };
  /** The newest message to a recipient (bodies are kept in the test outbox). */
  const lastMessage = async (tenantId: string, to: string) =>
    ctx.deps.db.selectFrom("messages").selectAll().where("tenant_id", "=", tenantId).where("recipient", "=", to).orderBy("created_at", "desc").orderBy("id", "desc").executeTakeFirstOrThrow();
  const linkTokenIn = (body: string) => {
    const m = /\/c\/[^/\s]+\/a\/([A-Za-z0-9_-]{40,60})/.exec(body);
    if (!m?.[1]) throw new Error(`no link in: ${body}`);
    return m[1];
  };
  const codeIn = (body: string) => {
    const m = /\b(\d{6})\b/.exec(body);
    if (!m?.[1]) throw new Error(`no code in: ${body}`);
    return m[1];
  };
  /** Sends a code to the link's default channel and opens a session with it. */
  const openSession = async (tenantId: string, token: string, to: string, ua = PHONE_UA) => {
    await ok(await req("POST", `/public/applications/link/${token}/otp`, {}, { "user-agent": ua }), 202);
    const code = codeIn((await lastMessage(tenantId, to)).body_text);
    const s = await ok<{ sessionToken: string; applicationId: string }>(await req("POST", `/public/applications/link/${token}/session`, { code }, { "user-agent": ua }), 201);
    return { auth: { authorization: `Bearer ${s.sessionToken}`, "user-agent": ua }, applicationId: s.applicationId, code };
  };
  /** A document row as the upload route leaves it (the upload itself is tested with its route). */
  const addDocument = async (tenantId: string, applicationId: string, fieldId: string) => {
    const id = newId();
    await ctx.deps.db
      .insertInto("application_documents")
      .values({ tenant_id: tenantId, id, application_id: applicationId, field_id: fieldId, kind: fieldId, file_name: "scan.pdf", content_type: "application/pdf", size: 1000, sha256: "0".repeat(64), blob_key: `test/${id}`, uploaded_at: ctx.clock.now() })
      .execute();
    const app = await ctx.deps.db.selectFrom("applications").select("answers").where("id", "=", applicationId).executeTakeFirstOrThrow();
    const answers = app.answers as Record<string, unknown>;
    answers[fieldId] = [...((answers[fieldId] as string[] | undefined) ?? []), id];
    await ctx.deps.db.updateTable("applications").set({ answers: JSON.stringify(answers) }).where("id", "=", applicationId).execute();
    return id;
  };
  const events = async (tenantId: string, subjectId: string) =>
    (await ctx.deps.db.selectFrom("events").select(["type", "payload"]).where("tenant_id", "=", tenantId).where("subject_id", "=", subjectId).orderBy("created_at").orderBy("id").execute()).map((e) => ({
      type: e.type,
      properties: (e.payload as { properties: Json }).properties,
    }));
  return { req, ok, lastMessage, linkTokenIn, codeIn, openSession, addDocument, events };
}

export const ANNA = { name: "Anna Cohen", phone: "+972501234567", email: "anna@example.com", language: "he" as const, dateOfBirth: "1990-04-12" };
