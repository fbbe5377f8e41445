import { describe, expect, it } from "vitest";
import { LOCALES } from "../web/customer/src/i18n";
import { VERIFY_MESSAGES } from "../web/customer/src/verify/i18n";
import { fileProblem, isVerifyResult, MAX_BYTES, requestProblem, type VerifyResult, verdict } from "../web/customer/src/verify/verdict";

/** The public seal check's logic (web/customer/src/verify), against the contract's answer shape. */
const sealedOk: VerifyResult = {
  sealed: true,
  intact: true,
  coversWholeDocument: true,
  signer: { subject: "CN=Demo Bank electronic seal (TEST), O=Demo Bank, serialNumber=demo", issuer: "CN=Atrium Test Seal CA — NOT FOR PRODUCTION" },
  signedAt: "2026-11-23T06:30:00.000Z",
  auditTrail: [],
  trusted: true,
  testSeal: true,
  bank: { slug: "demo", name: "Demo Bank" },
  problems: [],
};
const notSealed: VerifyResult = { ...sealedOk, sealed: false, intact: false, coversWholeDocument: false, signer: null, signedAt: null, trusted: false, testSeal: false, bank: null };

describe("verdict", () => {
  it("is green only when sealed, intact, whole, trusted and by the page's bank", () => {
    expect(verdict(sealedOk, "demo")).toEqual({ tone: "ok", issues: [] });
  });

  it("says not sealed, and nothing else, for a PDF without a seal", () => {
    expect(verdict(notSealed, "demo")).toEqual({ tone: "bad", issues: ["notSealed"] });
    // Even if a server said more, an unsealed file has only that to report.
    expect(verdict({ ...notSealed, trusted: true, bank: sealedOk.bank }, "demo").issues).toEqual(["notSealed"]);
  });

  it("names a changed byte as altered and appended bytes as added content, most serious first", () => {
    expect(verdict({ ...sealedOk, intact: false }, "demo")).toEqual({ tone: "bad", issues: ["altered"] });
    expect(verdict({ ...sealedOk, coversWholeDocument: false }, "demo")).toEqual({ tone: "bad", issues: ["appended"] });
    expect(verdict({ ...sealedOk, intact: false, coversWholeDocument: false }, "demo").issues).toEqual(["altered", "appended"]);
    expect(verdict({ ...sealedOk, coversWholeDocument: false, trusted: false, bank: null }, "demo").issues).toEqual(["appended", "unknownSigner"]);
  });

  it("does not call an altered file's certificate unknown (the server marks it untrusted: its seal proves nothing)", () => {
    expect(verdict({ ...sealedOk, intact: false, trusted: false, bank: null }, "demo")).toEqual({ tone: "bad", issues: ["altered"] });
  });

  it("is amber for an intact seal this server does not know, or another bank's", () => {
    expect(verdict({ ...sealedOk, trusted: false, bank: null }, "demo")).toEqual({ tone: "doubt", issues: ["unknownSigner"] });
    expect(verdict({ ...sealedOk, bank: { slug: "other", name: "Other Bank" } }, "demo")).toEqual({ tone: "doubt", issues: ["otherBank"] });
    // Trusted but no bank named: not confirmed as this bank's seal.
    expect(verdict({ ...sealedOk, bank: null }, "demo").issues).toEqual(["otherBank"]);
  });
});

describe("file checks before upload", () => {
  const pdf = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj");
  it("accepts a PDF by its header, even after a little leading junk", () => {
    expect(fileProblem(pdf.length, pdf)).toBeNull();
    const junk = new Uint8Array([0xef, 0xbb, 0xbf, ...pdf]);
    expect(fileProblem(junk.length, junk)).toBeNull();
  });

  it("refuses an empty file, one over 10 MB, and a picture named .pdf", () => {
    expect(fileProblem(0, new Uint8Array())).toBe("empty");
    expect(fileProblem(MAX_BYTES + 1, pdf)).toBe("tooBig");
    expect(fileProblem(MAX_BYTES, pdf)).toBeNull();
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(fileProblem(png.length, png)).toBe("notPdf");
    expect(fileProblem(4, new TextEncoder().encode("%PDF"))).toBe("notPdf");
  });

  it("maps the server's refusals to what the page says", () => {
    expect([413, 415, 429, 400, 422, 500, 503].map(requestProblem)).toEqual(["tooBig", "notPdf", "rateLimited", "unreadable", "unreadable", "server", "server"]);
  });

  it("takes only an answer shaped like the contract", () => {
    expect(isVerifyResult(sealedOk)).toBe(true);
    expect(isVerifyResult(notSealed)).toBe(true);
    expect(isVerifyResult({ ...sealedOk, intact: "yes" })).toBe(false);
    expect(isVerifyResult({ ...sealedOk, problems: undefined })).toBe(false);
    expect(isVerifyResult("<html>")).toBe(false);
    expect(isVerifyResult(null)).toBe(false);
  });
});

describe("the page's strings", () => {
  const english = VERIFY_MESSAGES.en;
  const vars = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

  for (const locale of LOCALES) {
    it(`${locale}: every key, non-empty, same placeholders, translated`, () => {
      const catalogue = VERIFY_MESSAGES[locale];
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(english).sort());
      for (const [key, text] of Object.entries(english) as [keyof typeof english, string][]) {
        expect(catalogue[key].trim(), `${locale}.${key}`).not.toBe("");
        expect(vars(catalogue[key]), `${locale}.${key}`).toEqual(vars(text));
        if (locale !== "en") expect(catalogue[key], `${locale}.${key}`).not.toBe(text);
      }
    });
  }
});
