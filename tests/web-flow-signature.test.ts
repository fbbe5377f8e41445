import { describe, expect, it } from "vitest";
import "../src/modules/signing/step";
import { checkFlow } from "../src/modules/onboarding/flow/check";
import { FLOW_TEMPLATES } from "../src/modules/onboarding/flow/templates";
import { addStep, EDITOR_STEP_KINDS, updateStep, withKind } from "../web/backoffice/src/pages/flows/model";
import { signatureSettingsOf } from "../web/backoffice/src/pages/flows/SignatureSettings";

/** The flow editor's signature step, checked against the server's checkFlow (signing/step.ts registers the kind). */
const checking = structuredClone(FLOW_TEMPLATES.checking);
const errors = (def: typeof checking) => checkFlow(def, undefined, "checking").filter((p) => p.severity === "error");
const TITLE = { en: "Sign", he: "חתימה", ar: "التوقيع", "zh-Hans": "签名", "zh-Hant": "簽名" };

describe("flow editor: the signature step", () => {
  it("is offered; a new one asks for its documents, then passes checkFlow", () => {
    expect(EDITOR_STEP_KINDS).toContain("signature");
    const { def, id } = addStep(checking, "signature", "review");
    const index = def.steps.findIndex((s) => s.id === id);
    expect(def.steps[index]).toMatchObject({ id, kind: "signature", settings: { documents: [] } });
    const titled = updateStep(def, id, (s) => ({ ...s, title: TITLE }));
    expect(errors(titled).map((p) => p.path)).toContain(`steps.${index}.settings.documents`);
    const ready = updateStep(titled, id, (s) => ({
      ...s,
      settings: { documents: ["builtin-account_agreement"], otp: "sms", routing: "parallel", expiresInDays: 7, coSigners: [{ role: "guarantor", nameField: "fullName", emailField: "email" }] },
    }));
    expect(errors(ready)).toEqual([]);
  });

  it("keeps its settings while it stays a signature step, drops them for another kind, and reads only what is set", () => {
    const { def, id } = addStep(checking, "signature", "review");
    const step = def.steps.find((s) => s.id === id);
    if (!step) throw new Error("no step");
    const edited = { ...step, settings: { documents: ["builtin-account_agreement"], otp: "email" } };
    expect(withKind(edited, "signature", "USD").settings).toEqual(edited.settings);
    expect(withKind(edited, "form", "USD").settings).toBeUndefined();
    expect(signatureSettingsOf(edited)).toEqual({ documents: ["builtin-account_agreement"], otp: "email" });
    expect(signatureSettingsOf({ ...step, settings: { documents: "x", otp: "fax", expiresInDays: 3 } })).toEqual({ documents: [], expiresInDays: 3 });
  });

  it("reports a co-signer without a contact field where the editor shows it", () => {
    const { def, id } = addStep(checking, "signature", "review");
    const index = def.steps.findIndex((s) => s.id === id);
    const bad = updateStep(def, id, (s) => ({ ...s, title: TITLE, settings: { documents: ["builtin-account_agreement"], coSigners: [{ role: "guarantor", nameField: "fullName" }] } }));
    expect(errors(bad).map((p) => p.path)).toContain(`steps.${index}.settings.coSigners.0.emailField`);
  });
});
