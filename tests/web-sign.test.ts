import { describe, expect, it } from "vitest";
import { LOCALES } from "../web/customer/src/i18n";
import { SIGN_MESSAGES } from "../web/customer/src/i18n-sign";
import type { SignerView } from "../web/customer/src/sign/api";
import {
  afterConsent,
  afterReading,
  afterUsed,
  base64Bytes,
  closedStage,
  fatalOf,
  fillable,
  isBlankPad,
  missingFields,
  nextSize,
  pdfFileName,
  reasonProblem,
  secondsLeft,
  shortHash,
  stageFor,
  stripDataUrl,
  TEXT_SIZES,
  tokenFromHash,
  typedProblem,
} from "../web/customer/src/sign/logic";
import { VERIFY_MESSAGES } from "../web/customer/src/verify/i18n";
import { timestampOf, trailOf, type VerifyResult } from "../web/customer/src/verify/verdict";

/** The signing pages' logic (web/customer/src/sign/logic.ts) and texts, against the contract's SignerView. */
const view: SignerView = {
  envelopeId: "env-1",
  bank: { name: "Demo Bank", slug: "demo" },
  language: "ar",
  status: "sent",
  envelopeStatus: "sent",
  signer: { name: "ليلى حمدان", role: "applicant", contact: { sms: "+971 ••• ••68", email: null } },
  consent: { version: "2026-11", title: "Consent", sections: [{ heading: "What you agree to", text: "…" }], accepted: false },
  authenticated: false,
  otp: null,
  documents: [
    {
      id: "d1",
      name: "Account agreement",
      pageCount: 3,
      blocks: [{ type: "paragraph", text: "…" }],
      fields: [
        { id: "sig", kind: "signature", label: "Signature", required: true, page: 3 },
        { id: "ok", kind: "checkbox", label: "I read the fees", required: true, page: 2 },
        { id: "note", kind: "text", label: "Branch", required: false, page: 1 },
        { id: "job", kind: "text", label: "Employer", required: true, page: 1 },
      ],
    },
  ],
  waitingFor: [],
  expiresAt: "2026-12-07T00:00:00.000Z",
};

describe("which screen a signer's state calls for", () => {
  it("starts on the welcome, then consent; nothing else before consent", () => {
    expect(stageFor(view, false)).toBe("welcome");
    expect(stageFor(view, true)).toBe("consent");
  });

  it("asks the code after consent, before the documents open; signs after reading while the code holds", () => {
    const consented = { ...view, consent: { ...view.consent, accepted: true } };
    expect(stageFor(consented, true)).toBe("otp");
    expect(afterConsent(consented)).toBe("otp");
    const confirmed = { ...consented, authenticated: true };
    expect(stageFor(confirmed, true)).toBe("read");
    expect(afterReading(confirmed)).toBe("sign");
    // The confirmation ran out while reading: a new code before signing.
    expect(afterReading(consented)).toBe("otp");
  });

  it("ends on done or declined whatever the visit", () => {
    expect(stageFor({ ...view, status: "signed" }, false)).toBe("done");
    expect(stageFor({ ...view, status: "declined" }, true)).toBe("declined");
  });

  it("turns a closed envelope into its full-page message, but not for one who already signed", () => {
    expect(closedStage(view)).toBeNull();
    expect(closedStage({ ...view, envelopeStatus: "expired" })).toBe("expired");
    expect(closedStage({ ...view, envelopeStatus: "voided" })).toBe("closed");
    expect(closedStage({ ...view, envelopeStatus: "declined" })).toBe("closed");
    expect(closedStage({ ...view, envelopeStatus: "completed", status: "signed" })).toBeNull();
  });
});

describe("errors that end the link", () => {
  it("maps the contract's codes to their pages", () => {
    expect(fatalOf({ status: 410, code: "link_used" })).toBe("used");
    expect(fatalOf({ status: 410, code: "envelope_expired" })).toBe("expired");
    expect(fatalOf({ status: 409, code: "envelope_closed" })).toBe("closed");
    expect(fatalOf({ status: 400, code: "token_invalid" })).toBe("invalid");
  });

  it("turns a used link into the signed copies, an expired copy link into its own page, anything else into 'already signed'", () => {
    expect(fatalOf({ status: 410, code: "token_expired" })).toBe("copyExpired");
    expect(afterUsed({ status: 410, code: "token_expired" })).toBe("copyExpired");
    for (const e of [
      { status: 409, code: "wrong_state" },
      { status: 400, code: "token_invalid" },
      { status: 429, code: "rate_limited" },
      { status: 503, code: "internal_error" },
    ]) {
      expect(afterUsed(e)).toBe("used");
    }
  });

  it("leaves the ones the screen handles in place", () => {
    for (const e of [
      { status: 401, code: "otp_invalid" },
      { status: 423, code: "otp_locked" },
      { status: 429, code: "rate_limited" },
      { status: 400, code: "validation_failed" },
      { status: 0, code: "offline" },
      { status: 503, code: "internal_error" },
    ]) {
      expect(fatalOf(e)).toBeNull();
    }
  });
});

describe("the token in the address", () => {
  const token = "q3Zb8w2Kd0sX1mN5pL7rT9vY4aC6eG8iJ0kM2oQ4sU6"; // 43 characters of base64url
  it("is read from the fragment, with or without token=", () => {
    expect(tokenFromHash(`#${token}`)).toBe(token);
    expect(tokenFromHash(`#token=${token}`)).toBe(token);
  });
  it("refuses empty, short or foreign fragments", () => {
    expect(tokenFromHash("")).toBeNull();
    expect(tokenFromHash("#")).toBeNull();
    expect(tokenFromHash("#abc")).toBeNull();
    expect(tokenFromHash(`#${token}<script>`)).toBeNull();
  });
});

describe("a blank signature pad", () => {
  const W = 40;
  const H = 20;
  const pixels = (paint: (x: number, y: number) => [number, number, number, number] | null) => {
    const out = new Uint8ClampedArray(W * H * 4);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const p = paint(x, y);
        if (p) out.set(p, (y * W + x) * 4);
      }
    return out;
  };

  it("is blank when transparent, white, or a stray dot", () => {
    expect(isBlankPad(pixels(() => null))).toBe(true);
    expect(isBlankPad(pixels(() => [255, 255, 255, 255]))).toBe(true);
    expect(isBlankPad(pixels((x, y) => (x === 3 && y === 3 ? [11, 31, 92, 255] : null)))).toBe(true);
    // Near-white smudges are background, not ink.
    expect(isBlankPad(pixels(() => [240, 240, 245, 255]))).toBe(true);
  });

  it("is not blank with a stroke", () => {
    expect(isBlankPad(pixels((_x, y) => (y === 10 ? [11, 31, 92, 255] : null)))).toBe(false);
    expect(isBlankPad(pixels((_x, y) => (y === 10 ? [11, 31, 92, 255] : [255, 255, 255, 255])))).toBe(false);
  });
});

describe("the signature body", () => {
  it("strips the data: prefix and measures what the base64 decodes to", () => {
    expect(stripDataUrl("data:image/png;base64,iVBORw0KGgo=")).toBe("iVBORw0KGgo=");
    expect(stripDataUrl("iVBORw0KGgo=")).toBe("iVBORw0KGgo=");
    expect(base64Bytes(Buffer.from("hello world!").toString("base64"))).toBe(12);
    expect(base64Bytes(Buffer.from("hello world").toString("base64"))).toBe(11);
    expect(base64Bytes(Buffer.from("hello worl").toString("base64"))).toBe(10);
  });

  it("accepts a typed signature of 2 to 100 characters", () => {
    expect(typedProblem("L")).toBe("typedLength");
    expect(typedProblem("   ")).toBe("typedLength");
    expect(typedProblem("ليلى")).toBeNull();
    expect(typedProblem("李雷")).toBeNull();
    expect(typedProblem("x".repeat(101))).toBe("typedLength");
  });

  it("needs a decline reason of at most 500 characters", () => {
    expect(reasonProblem("  ")).toBe("declineNeeded");
    expect(reasonProblem("The rate changed")).toBeNull();
    expect(reasonProblem("x".repeat(500))).toBeNull();
    expect(reasonProblem("x".repeat(501))).toBe("declineTooLong");
  });

  it("lists only the signer's own text and checkbox fields, and which required ones are empty", () => {
    const fields = view.documents[0]?.fields ?? [];
    expect(fillable(fields).map((f) => f.id)).toEqual(["ok", "note", "job"]);
    expect(missingFields(fields, {})).toEqual(["ok", "job"]);
    expect(missingFields(fields, { ok: false, job: "  " })).toEqual(["ok", "job"]);
    expect(missingFields(fields, { ok: true, job: "Acme" })).toEqual([]);
  });
});

describe("the signed copies", () => {
  const sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
  it("shortens a SHA-256 fingerprint to its first and last 8 digits, in groups of 4", () => {
    expect(shortHash(sha)).toBe("9f86 d081 … b0f0 0a08");
    expect(shortHash(sha.toUpperCase())).toBe("9f86 d081 … b0f0 0a08");
    expect(shortHash("abcd1234")).toBe("abcd 1234");
  });

  it("names a downloaded PDF safely, with an optional suffix", () => {
    expect(pdfFileName("Loan contract")).toBe("Loan contract.pdf");
    expect(pdfFileName("Loan contract", "signed")).toBe("Loan contract - signed.pdf");
    expect(pdfFileName("عقد القرض", "موقّع")).toBe("عقد القرض - موقّع.pdf");
    expect(pdfFileName("../../etc/passwd")).toBe("etc passwd.pdf");
    expect(pdfFileName('a:b*c?"d<e>f|g\\h')).toBe("a b c d e f g h.pdf");
    expect(pdfFileName("line\nbreak\u202eevil")).toBe("line break evil.pdf");
    expect(pdfFileName("  ")).toBe("document.pdf");
    expect(pdfFileName("x".repeat(300)).length).toBe(104);
  });
});

describe("small helpers", () => {
  it("counts down in whole seconds, never below zero", () => {
    expect(secondsLeft(10_500, 10_000)).toBe(1);
    expect(secondsLeft(70_000, 10_000)).toBe(60);
    expect(secondsLeft(9_000, 10_000)).toBe(0);
  });
  it("keeps the text size within its steps", () => {
    expect(nextSize(0, -1)).toBe(0);
    expect(nextSize(1, 1)).toBe(2);
    expect(nextSize(TEXT_SIZES.length - 1, 1)).toBe(TEXT_SIZES.length - 1);
  });
});

describe("signing texts", () => {
  const english = SIGN_MESSAGES.en as Record<string, string>;
  const keys = Object.keys(english).sort();
  const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
  /** Words that may stay as in English. */
  const SAME = new Set<string>([]);

  for (const locale of LOCALES) {
    it(`${locale}: every key, none empty, the same placeholders${locale === "en" ? "" : ", translated"}`, () => {
      const messages = SIGN_MESSAGES[locale] as Record<string, string>;
      expect(Object.keys(messages).sort()).toEqual(keys);
      expect(Object.entries(messages).filter(([, v]) => !v.trim())).toEqual([]);
      expect(keys.filter((k) => JSON.stringify(placeholders(messages[k] ?? "")) !== JSON.stringify(placeholders(english[k] ?? "")))).toEqual([]);
      if (locale !== "en") expect(keys.filter((k) => messages[k] === english[k] && !SAME.has(k))).toEqual([]);
    });
  }

  it("has a page for every way a link ends", () => {
    for (const k of ["usedTitle", "usedText", "expiredTitle", "expiredText", "closedTitle", "closedText", "invalidTitle", "invalidText", "copyExpiredTitle", "copyExpiredText"]) expect(keys).toContain(k);
  });
});

describe("the seal check's audit trail and time-stamp", () => {
  const event = (at: string, action: string, extra: Record<string, unknown> = {}) => ({ at, action, signer: NAME, role: "applicant", ip: "203.0.113.7", userAgent: "Mozilla/5.0", hash: "ab".repeat(32), ...extra });
  const NAME = "ليلى حمدان";
  const sealed: VerifyResult = {
    sealed: true,
    intact: true,
    coversWholeDocument: true,
    signer: { subject: "CN=Demo Bank", issuer: "CN=Test CA" },
    signedAt: "2026-11-23T06:30:00.000Z",
    timestamp: { at: "2026-11-23T06:30:01.000Z", authority: "CN=Test TSA" },
    auditTrail: [event("2026-11-23T06:29:00.000Z", "signed"), event("2026-11-23T06:20:00.000Z", "viewed"), "junk", { action: "no time" }, event("not a date", "sent")],
    trusted: true,
    testSeal: true,
    bank: { slug: "demo", name: "Demo Bank" },
    problems: [],
  };

  it("shows the well-formed events, oldest first, only when the seal holds", () => {
    expect(trailOf(sealed).map((e) => e.action)).toEqual(["viewed", "signed"]);
    expect(trailOf(sealed)[0]).toMatchObject({ signer: NAME, role: "applicant", ip: "203.0.113.7" });
    for (const broken of [{ intact: false }, { coversWholeDocument: false }, { trusted: false }, { sealed: false }]) expect(trailOf({ ...sealed, ...broken })).toEqual([]);
    expect(trailOf({ ...sealed, auditTrail: undefined as unknown as unknown[] })).toEqual([]);
  });

  it("reads the time-stamp when there is a well-formed one", () => {
    expect(timestampOf(sealed)).toEqual({ at: "2026-11-23T06:30:01.000Z", authority: "CN=Test TSA" });
    expect(timestampOf({ ...sealed, timestamp: null })).toBeNull();
    expect(timestampOf({ ...sealed, timestamp: undefined })).toBeNull();
    expect(timestampOf({ ...sealed, timestamp: { at: "soon", authority: "x" } })).toBeNull();
  });

  it("names every event of the contract in every language", () => {
    const actions = ["created", "sent", "viewed", "consented", "otp_sent", "otp_failed", "authenticated", "signed", "declined", "voided", "expired", "reminded", "completed", "sealed", "seal_failed"];
    for (const locale of LOCALES) {
      const m = VERIFY_MESSAGES[locale] as unknown as Record<string, string>;
      expect(actions.filter((a) => !m[`act_${a}`]?.trim()), locale).toEqual([]);
    }
  });
});
