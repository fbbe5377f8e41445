import { describe, expect, it } from "vitest";
import "../src/modules/identity/step";
import { checkFlow } from "../src/modules/onboarding/flow/check";
import { FLOW_TEMPLATES } from "../src/modules/onboarding/flow/templates";
import { addStep, EDITOR_STEP_KINDS, identitySettingsOf, updateStep, withKind } from "../web/backoffice/src/pages/flows/model";

/** The flow editor's identity step, checked against the server's checkFlow (identity/step.ts registers the kind). */
const checking = structuredClone(FLOW_TEMPLATES.checking);
const errors = (def: typeof checking) => checkFlow(def, undefined, "checking").filter((p) => p.severity === "error");

describe("flow editor: the identity step", () => {
  it("is offered and a new one passes checkFlow once titled", () => {
    expect(EDITOR_STEP_KINDS).toContain("identity");
    const { def, id } = addStep(checking, "identity", "about");
    expect(def.steps[1]).toMatchObject({ id, kind: "identity", settings: { documents: ["passport", "id_card", "residence_permit"], selfie: false, minAge: 18, maxAttempts: 3 } });
    const titled = updateStep(def, id, (s) => ({ ...s, title: { en: "ID", he: "זהות", ar: "الهوية", "zh-Hans": "证件", "zh-Hant": "證件" } }));
    expect(errors(titled)).toEqual([]);
  });

  it("keeps settings while it stays an identity step and drops them for another kind", () => {
    const { def, id } = addStep(checking, "identity", "about");
    const step = def.steps.find((s) => s.id === id);
    if (!step) throw new Error("no step");
    const edited = { ...step, settings: { documents: ["passport"], selfie: true, minAge: 21, maxAttempts: 5 } };
    expect(withKind(edited, "identity", "USD").settings).toEqual(edited.settings);
    const form = withKind(edited, "form", "USD");
    expect(form.settings).toBeUndefined();
    expect(withKind(form, "payment", "USD").payment).toEqual({ purpose: "fee", currency: "USD", amount: "10" });
    expect(identitySettingsOf(edited)).toEqual({ documents: ["passport"], selfie: true, minAge: 21, maxAttempts: 5 });
  });

  it("reports bad settings where the editor shows them", () => {
    const { def, id } = addStep(checking, "identity", "about");
    const bad = updateStep(def, id, (s) => ({ ...s, title: { en: "ID" }, settings: { documents: [], minAge: -1 } }));
    const paths = errors(bad).map((p) => p.path);
    expect(paths).toContain("steps.1.settings.documents");
    expect(paths).toContain("steps.1.settings.minAge");
  });
});
