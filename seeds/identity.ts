/**
 * Demo: the demo bank's checking and credit-card flows get an identity step right after the
 * personal details ("about"): the customer photographs the data page of a passport, identity card
 * or residence permit and gives their nationality. Published as a new version through the same
 * saveDraft / publishFlow the flow editor uses. The built-in templates stay as they are.
 */
import { inTransaction } from "../src/db";
import { publishedFlow, publishFlow, saveDraft } from "../src/modules/onboarding/flows";
import type { FlowDefinition, ProductId, Step, Text } from "../src/modules/onboarding/flow/types";
import type { Deps } from "../src/server/deps";

const t = (en: string, he: string, ar: string, zhHans: string, zhHant: string): Text => ({ en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant });

/** The identity step the demo (and the tests) insert: documents, no selfie, 18 or over, 3 attempts. */
export function identityStep(settings: Record<string, unknown> = {}): Step {
  return {
    id: "identity",
    kind: "identity",
    title: t("Your ID document", "מסמך מזהה", "وثيقة هويتك", "您的身份证件", "您的身分證件"),
    help: t(
      "Photograph the page with your photo. We read it on our own servers to check your details.",
      "יש לצלם את העמוד עם התמונה שלך. אנחנו קוראים אותו בשרתים שלנו כדי לאמת את הפרטים.",
      "صوّر الصفحة التي تحمل صورتك. نقرؤها على خوادمنا للتحقق من بياناتك.",
      "请拍摄带有您照片的那一页。我们在自己的服务器上读取，以核对您的信息。",
      "請拍攝帶有您相片的那一頁。我們在自己的伺服器上讀取，以核對您的資料。",
    ),
    minutes: 2,
    fields: [
      {
        id: "nationality",
        type: "country",
        required: true,
        prefill: "customer.nationality",
        label: t("Nationality", "אזרחות", "الجنسية", "国籍", "國籍"),
      },
    ],
    settings: { documents: ["passport", "id_card", "residence_permit"], selfie: false, minAge: 18, maxAttempts: 3, ...settings },
  };
}

/** The flow with the identity step after `after` (default "about"); a flow that has one keeps it. */
export function withIdentityStep(def: FlowDefinition, after = "about", settings: Record<string, unknown> = {}): FlowDefinition {
  if (def.steps.some((s) => s.kind === "identity")) return def;
  const i = def.steps.findIndex((s) => s.id === after);
  const steps = [...def.steps];
  steps.splice(i >= 0 ? i + 1 : 0, 0, identityStep(settings));
  return { ...def, steps };
}

export const IDENTITY_PRODUCTS: ProductId[] = ["checking", "credit_card"];

/** Publishes a version of each product's flow with the identity step; returns the versions. */
export async function seedIdentityFlows(deps: Deps, tenantId: string, products: ProductId[] = IDENTITY_PRODUCTS): Promise<Record<string, number>> {
  const versions: Record<string, number> = {};
  for (const product of products) {
    const now = deps.clock.now();
    const current = await publishedFlow(deps.db, tenantId, product, now);
    const next = withIdentityStep(current.definition);
    if (next === current.definition) {
      versions[product] = current.version;
      continue;
    }
    versions[product] = await inTransaction(deps.db, async (trx) => {
      const audit = { actor: null, now };
      await saveDraft(trx, audit, tenantId, product, next);
      return (await publishFlow(trx, audit, tenantId, product)).version;
    });
  }
  return versions;
}
