import { describe, expect, it } from "vitest";
import type { FlowDefinition } from "../../onboarding/flow/types";
import { consentFor, CONSENT_VERSION } from "./consent";
import { answersDigest, detailsOf, lastFour } from "./data";
import { BLANK_PNG, makePng, SIGNATURE_PNG } from "./envelopes.testkit";
import { checkDrawnSignature, inkOf } from "./png";

const codeOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as { issues?: Array<{ code?: string }> }).issues?.[0]?.code;
  }
  return null;
};

describe("drawn signatures", () => {
  it("count ink through the scanline filters and refuse an empty pad", () => {
    expect(inkOf(makePng(10, 4, (x, y) => x < 5 && y < 2))).toEqual({ width: 10, height: 4, ink: 10 });
    expect(codeOf(() => checkDrawnSignature(SIGNATURE_PNG))).toBeNull();
    expect(codeOf(() => checkDrawnSignature(BLANK_PNG))).toBe("empty");
    expect(codeOf(() => checkDrawnSignature(makePng(300, 100, () => false)))).toBe("empty");
    expect(codeOf(() => checkDrawnSignature(Buffer.from("not a png at all, not even close to one")))).toBe("not_png");
    const truncated = SIGNATURE_PNG.subarray(0, SIGNATURE_PNG.length - 40);
    expect(codeOf(() => checkDrawnSignature(truncated))).toBe("not_png");
  });
});

describe("consent", () => {
  it("is written in every language with the same five sections", () => {
    const en = consentFor("en");
    for (const lang of ["he", "ar", "zh-Hans", "zh-Hant"]) {
      const c = consentFor(lang);
      expect(c.version).toBe(CONSENT_VERSION);
      expect(c.sections).toHaveLength(5);
      expect(c.title).not.toBe(en.title);
      for (const [i, s] of c.sections.entries()) expect(s.text).not.toBe(en.sections[i]?.text);
    }
    expect(consentFor("fr").title).toBe(en.title);
  });
});

describe("document data", () => {
  const def = {
    product: "personal_loan",
    title: { en: "Loan" },
    defaultLanguage: "en",
    languages: ["en"],
    currency: "USD",
    steps: [
      {
        id: "a",
        kind: "form",
        title: { en: "A" },
        minutes: 1,
        fields: [
          { id: "nid", type: "national_id", required: true, label: { en: "ID", he: "ת״ז" } },
          { id: "scan", type: "file", required: true, label: { en: "Scan" } },
          { id: "amount", type: "money", required: true, label: { en: "Amount" } },
          { id: "ok", type: "checkbox", required: true, label: { en: "Agree", he: "מסכים" } },
        ],
      },
      { id: "fee", kind: "payment", title: { en: "Fee" }, minutes: 1, fields: [{ id: "card", type: "text", required: true, label: { en: "Card" } }] },
    ],
  } as unknown as FlowDefinition;

  it("prints answers with the flow's labels, masks ids, skips files and payments", () => {
    const rows = detailsOf(def, { nid: "123456789", scan: ["x"], amount: "5000", ok: true, card: "4111" }, "he");
    expect(rows.map((r) => r.label)).toEqual(["ת״ז", "Amount", "מסכים"]);
    expect(rows[0]?.value).toBe(lastFour("123456789"));
    expect(rows[0]?.value).not.toContain("12345");
    expect(rows[2]?.value).toBe("כן");
  });

  it("digests answers independent of key order", () => {
    expect(answersDigest({ a: 1, b: 2 })).toBe(answersDigest({ b: 2, a: 1 }));
    expect(answersDigest({ a: 1 })).not.toBe(answersDigest({ a: 2 }));
  });
});
