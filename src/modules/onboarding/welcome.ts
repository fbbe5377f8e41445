/**
 * The welcome checklist after the account is open (funded): the customer ticks items off and the
 * bank sees when each was done (application.welcome: item id → ISO time).
 */
import { inTransaction } from "../../db";
import { AppError } from "../../kernel/errors";
import type { Deps } from "../../server/deps";
import type { FlowDefinition, Text } from "./flow/types";
import { applicationById, applicationFlow } from "./store";
import { type ApplicationRow, recordTimeline } from "./timeline";

export interface WelcomeItemOut {
  id: string;
  label: Text;
  help: Text | null;
  url: string | null;
  doneAt: string | null;
}

export function presentWelcome(def: FlowDefinition, done: Record<string, string>): WelcomeItemOut[] {
  return def.welcome.map((w) => ({ id: w.id, label: w.label, help: w.help ?? null, url: w.url ?? null, doneAt: done[w.id] ?? null }));
}

/** POST /public/applications/me/welcome/{itemId} {done}: only once the account is open. */
export async function setWelcomeItem(deps: Deps, appIn: ApplicationRow, itemId: string, done: boolean, device: string | null = null): Promise<{ welcome: WelcomeItemOut[] }> {
  return inTransaction(deps.db, async (trx) => {
    const now = deps.clock.now();
    const app = await applicationById(trx, appIn.tenant_id, appIn.id, { forUpdate: true });
    if (app.status !== "funded") throw new AppError("wrong_state", "The welcome checklist opens once your account is open");
    const def = await applicationFlow(trx, app);
    if (!def.welcome.some((w) => w.id === itemId)) throw new AppError("not_found", `No welcome item ${itemId}`);
    const state = { ...((app.welcome as Record<string, string>) ?? {}) };
    const was = state[itemId];
    if (done && !was) state[itemId] = now.toISOString();
    if (!done) delete state[itemId];
    if ((done && !was) || (!done && was)) {
      await trx.updateTable("applications").set({ welcome: JSON.stringify(state), last_activity_at: now, updated_at: now }).where("tenant_id", "=", app.tenant_id).where("id", "=", app.id).execute();
      await recordTimeline(trx, now, app, { type: done ? "welcome_item_done" : "welcome_item_undone", actor: "customer", data: { item: itemId }, device });
    }
    return { welcome: presentWelcome(def, state) };
  });
}
