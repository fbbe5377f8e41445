import type { TestContext } from "../../../tests/support/context";
import type { TestTenant } from "../../../tests/support/factories";
import { platformWorkerSetup } from "../../jobs/all";
import { startWorker } from "../../jobs/worker";
import { newId } from "../../kernel/ids";
import type { SurveyDefinition } from "./definition/types";

/** Test helpers for distribution: published surveys inserted directly, a worker run to idle, the outbox. */

export function npsSurvey(title = "Branch visit"): SurveyDefinition {
  return {
    title: { en: title, he: `סקר ${title}` },
    defaultLanguage: "en",
    languages: ["en", "he"],
    questions: [
      { id: "q1", type: "nps", text: { en: "How likely are you to recommend us to a friend?", he: "מה הסיכוי שתמליצו עלינו?" }, required: false, lowLabel: { en: "Not at all likely", he: "בכלל לא" }, highLabel: { en: "Extremely likely", he: "בהחלט" } },
      { id: "q2", type: "text", format: "long", maxLength: 2000, text: { en: "Why?", he: "למה?" }, required: false },
    ],
    pages: [
      { id: "p1", questionIds: ["q1"], randomize: false },
      { id: "p2", questionIds: ["q2"], randomize: false },
    ],
    hiddenFields: ["branch", "product", "journeyId"],
    variables: [],
    rules: [],
    loops: [],
    endings: [{ id: "done", title: { en: "Thank you", he: "תודה" } }],
    quotas: [],
    settings: { showProgress: true, allowBack: true },
  };
}

export async function publishedSurvey(ctx: TestContext, tenant: TestTenant, def: SurveyDefinition = npsSurvey(), status: "published" | "closed" = "published"): Promise<string> {
  const id = newId();
  const now = ctx.clock.now();
  await ctx.deps.db.insertInto("surveys").values({ tenant_id: tenant.id, id, name: "Distribution test", status, draft: JSON.stringify(def), draft_changed: false, published_version: 1, updated_at: now }).execute();
  await ctx.deps.db.insertInto("survey_versions").values({ tenant_id: tenant.id, survey_id: id, version: 1, definition: JSON.stringify(def), published_at: now }).execute();
  return id;
}

/** Runs the platform's jobs and subscribers for one tenant until nothing is due. Returns jobs run. */
export async function drain(ctx: TestContext, tenant: TestTenant): Promise<number> {
  const { registry, subscribers } = platformWorkerSetup(ctx.deps);
  const worker = startWorker(ctx.deps, registry, { loop: false, scheduler: false, tenantId: tenant.id, subscribers, concurrency: 4 });
  let total = 0;
  for (let idle = 0; idle < 2; ) {
    const n = await worker.runOnce();
    total += n;
    idle = n === 0 ? idle + 1 : 0;
  }
  await worker.stop();
  return total;
}

export async function outbox(ctx: TestContext, tenant: TestTenant, template?: string) {
  let q = ctx.deps.db.selectFrom("messages").selectAll().where("tenant_id", "=", tenant.id);
  if (template) q = q.where("template", "=", template);
  return q.orderBy("created_at").orderBy("id").execute();
}

export async function addContact(ctx: TestContext, tenant: TestTenant, c: { email?: string; phone?: string; name?: string; locale?: string; lists?: string[]; attributes?: Record<string, string>; lastSurveyedAt?: Date; unsubscribed?: boolean }) {
  const now = ctx.clock.now();
  return ctx.deps.db
    .insertInto("contacts")
    .values({
      tenant_id: tenant.id,
      id: newId(),
      email: c.email ?? null,
      phone: c.phone ?? null,
      name: c.name ?? null,
      locale: c.locale ?? null,
      customer_id: null,
      lists: c.lists ?? [],
      attributes: JSON.stringify(c.attributes ?? {}),
      unsubscribed_at: c.unsubscribed ? now : null,
      last_surveyed_at: c.lastSurveyedAt ?? null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
