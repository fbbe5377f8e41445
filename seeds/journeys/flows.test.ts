import { describe, expect, it } from "vitest";
import { FLOW_TEMPLATES } from "../../src/modules/onboarding/flow/templates";
import { PRODUCTS } from "./calibration";
import { PLANS, START_CHANNELS } from "./flows";

describe("the demo's flows", () => {
  it("use the shipped flow templates' product codes, step ids and field ids", () => {
    for (const product of PRODUCTS) {
      const template = FLOW_TEMPLATES[product];
      expect(template, product).toBeDefined();
      const steps = template.steps.map((s) => ({ id: s.id, kind: s.kind, fields: (s.fields ?? []).map((f) => f.id) }));
      expect(PLANS[product].steps.map((s) => ({ id: s.id, kind: s.kind, fields: s.fields })), product).toEqual(steps);
    }
  });

  it("have shares that make sense", () => {
    for (const product of PRODUCTS) {
      const p = PLANS[product];
      for (const s of p.steps) expect(s.completes > 0 && s.completes < 1, `${product} ${s.id}`).toBe(true);
      expect(p.decision.approve + p.decision.reject + p.decision.requestInfo).toBeCloseTo(1, 6);
      expect(START_CHANNELS.reduce((a, c) => a + p.channels[c], 0)).toBeCloseTo(1, 6);
    }
  });
});
