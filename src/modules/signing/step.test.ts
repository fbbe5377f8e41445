import { describe, expect, it } from "vitest";
import type { Step } from "../onboarding/flow/types";
import { knownStepKinds } from "../onboarding/steps";
import { checkSignatureSettings, signatureSettings } from "./step";

const step = (settings: unknown): Step => ({ id: "sign", kind: "signature", title: { en: "Sign" }, fields: [], settings }) as unknown as Step;
const paths = (settings: unknown) => checkSignatureSettings(step(settings)).map((p) => p.path);

describe("the signature step kind", () => {
  it("is registered, so flows may use it", () => {
    expect(knownStepKinds()).toContain("signature");
  });

  it("accepts good settings and fills in defaults", () => {
    const good = { documents: ["builtin-loan_contract", "upload-overdraft-terms"], otp: "sms", routing: "parallel", expiresInDays: 7, coSigners: [{ role: "guarantor", nameField: "guarantorName", phoneField: "guarantorPhone" }] };
    expect(checkSignatureSettings(step(good))).toEqual([]);
    expect(signatureSettings(step({ documents: ["builtin-card_terms"] }))).toMatchObject({ otp: "auto", routing: "sequential", coSigners: [], expiresInDays: undefined });
  });

  it("names each problem under settings", () => {
    expect(paths(undefined)).toEqual(["settings.documents"]);
    expect(paths({ documents: [] })).toEqual(["settings.documents"]);
    expect(paths({ documents: ["builtin-nope", "Loan Contract", "builtin-loan_contract", "builtin-loan_contract"] })).toEqual(["settings.documents.0", "settings.documents.1", "settings.documents"]);
    expect(paths({ documents: ["builtin-loan_contract"], otp: "fax", routing: "random", expiresInDays: 91, colour: "red" })).toEqual(["settings.colour", "settings.otp", "settings.routing", "settings.expiresInDays"]);
    expect(paths({ documents: ["builtin-loan_contract"], coSigners: [{ role: "applicant", nameField: "x y", extra: 1 }] })).toEqual([
      "settings.coSigners.0.extra",
      "settings.coSigners.0.role",
      "settings.coSigners.0.nameField",
      "settings.coSigners.0.emailField",
    ]);
  });
});
