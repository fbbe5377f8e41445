import { describe, expect, it } from "vitest";
import { checkDefinition, pipe, walk, walkAll } from "../../logic";
import { parseDefinition } from "../schema";
import { SURVEY_LOCALES } from "../types";
import { SURVEY_TEMPLATES, templateById } from ".";

const def = (id: string) => parseDefinition(templateById(id)?.definition, `template:${id}`);

describe("banking templates", () => {
  it("has the seven templates of the issue", () => {
    expect(SURVEY_TEMPLATES.map((t) => t.id).sort()).toEqual(["abandoned-application", "app-rating", "branch-csat", "call-centre-csat", "loan-decision", "onboarding-ces", "relationship-nps"]);
  });

  it.each(SURVEY_TEMPLATES.map((t) => ({ id: t.id })))("$id parses, is offered in all five languages and passes checkDefinition with no problem", ({ id }) => {
    const t = templateById(id);
    const d = def(id);
    expect(d.languages).toEqual([...SURVEY_LOCALES]);
    for (const l of SURVEY_LOCALES) {
      expect(t?.name[l]?.length).toBeGreaterThan(0);
      expect(t?.description[l]?.length).toBeGreaterThan(0);
    }
    expect(checkDefinition(d)).toEqual([]);
  });

  it("app rating: 4–5 stars end at the happy ending, fewer ask what to improve", () => {
    const d = def("app-rating");
    expect(walkAll(d, { stars: 5 }, {}, "s").ending?.id).toBe("happy");
    const low = walk(d, { answers: { stars: 2 }, hidden: {}, submitted: ["rating"], seed: "s" });
    expect(low.current?.key).toBe("feedback");
    expect(walkAll(d, { stars: 2, improve: "Faster login" }, {}, "s").ending?.id).toBe("done");
  });

  it("abandoned application: one follow-up per reason picked", () => {
    const d = def("abandoned-application");
    const w = walk(d, { answers: { reasons: ["rates", "long"] }, hidden: {}, submitted: ["why"], seed: "s" });
    expect(w.current?.key).toBe("more#long");
    const all = walkAll(d, { reasons: ["rates", "long"], "detail#long": "forms", "detail#rates": "APR" }, {}, "s");
    expect(all.path.map((p) => p.key)).toEqual(["why", "more#long", "more#rates", "next"]);
    const q = all.path[1]?.questions[0];
    expect(pipe(q?.question.text.ar ?? "", { definition: d, answers: {}, hidden: {}, variables: {}, submittedKeys: new Set(), loopItem: q?.loopItem, language: "ar" })).toContain("استغرق");
  });

  it("relationship NPS pipes the score and asks for contact details only after consent", () => {
    const d = def("relationship-nps");
    const w = walk(d, { answers: { nps: 4 }, hidden: {}, submitted: ["score"], seed: "s" });
    expect(pipe(w.current?.questions[0]?.question.text.he ?? "", { definition: d, answers: { nps: 4 }, hidden: {}, variables: {}, submittedKeys: new Set(), language: "he" })).toContain("4");
    const noConsent = walk(d, { answers: { nps: 4, followUp: false }, hidden: {}, submitted: ["score", "why"], seed: "s" });
    expect(noConsent.current?.questions.map((q) => q.key)).toEqual(["followUp"]);
    const consent = walk(d, { answers: { nps: 4, followUp: true }, hidden: {}, submitted: ["score", "why"], seed: "s" });
    expect(consent.current?.questions.map((q) => q.key)).toEqual(["followUp", "contact"]);
  });
});
