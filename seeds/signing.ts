/**
 * Demo: the demo bank's checking and personal-loan flows end with a signature step before the
 * review: the customer accepts the electronic-records consent, reads the account agreement (or the
 * loan contract), confirms a one-time code and signs on the phone. Published as a new version
 * through the same saveDraft / publishFlow the flow editor uses.
 */
import { inTransaction } from "../src/db";
import { publishedFlow, publishFlow, saveDraft } from "../src/modules/onboarding/flows";
import type { FlowDefinition, ProductId, Step, Text } from "../src/modules/onboarding/flow/types";
import type { Deps } from "../src/server/deps";

const t = (en: string, he: string, ar: string, zhHans: string, zhHant: string): Text => ({ en, he, ar, "zh-Hans": zhHans, "zh-Hant": zhHant });

/** The built-in document each demo product signs. */
export const SIGNING_DOCUMENTS: Partial<Record<ProductId, string>> = {
  checking: "builtin-account_agreement",
  savings: "builtin-account_agreement",
  credit_card: "builtin-card_terms",
  personal_loan: "builtin-loan_contract",
  auto_loan: "builtin-loan_contract",
  mortgage: "builtin-mortgage_preapproval",
};

/** The signature step the demo (and the tests) insert before the review. */
export function signatureStep(documents: string[], settings: Record<string, unknown> = {}): Step {
  return {
    id: "sign",
    kind: "signature",
    title: t("Sign your agreement", "חתימה על ההסכם", "وقّع اتفاقيتك", "签署协议", "簽署協議"),
    help: t(
      "Read the document, confirm a code we send you, and sign with your finger or by typing your name.",
      "קראו את המסמך, אשרו את הקוד שנשלח אליכם וחתמו באצבע או בהקלדת שמכם.",
      "اقرأ المستند، وأكّد الرمز الذي نرسله إليك، ثم وقّع بإصبعك أو بكتابة اسمك.",
      "请阅读文件，确认我们发送给您的验证码，然后用手指签名或输入您的姓名。",
      "請閱讀文件，確認我們傳送給您的驗證碼，然後用手指簽名或輸入您的姓名。",
    ),
    minutes: 3,
    fields: [],
    settings: { documents, ...settings },
  };
}

/** The flow with a signature step just before its last (review) step; a flow that has one keeps it. */
export function withSignatureStep(def: FlowDefinition, documents: string[], settings: Record<string, unknown> = {}): FlowDefinition {
  if (def.steps.some((s) => s.kind === "signature")) return def;
  const steps = [...def.steps];
  const review = steps.findIndex((s) => s.kind === "review");
  steps.splice(review >= 0 ? review : steps.length, 0, signatureStep(documents, settings));
  return { ...def, steps };
}

export const SIGNING_PRODUCTS: ProductId[] = ["checking", "personal_loan"];

/** Publishes a version of each product's flow with the signature step; returns the versions. */
export async function seedSigningFlows(deps: Deps, tenantId: string, products: ProductId[] = SIGNING_PRODUCTS): Promise<Record<string, number>> {
  const versions: Record<string, number> = {};
  for (const product of products) {
    const now = deps.clock.now();
    const current = await publishedFlow(deps.db, tenantId, product, now);
    const document = SIGNING_DOCUMENTS[product];
    const next = document ? withSignatureStep(current.definition, [document]) : current.definition;
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
