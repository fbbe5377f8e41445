/**
 * Identity verification behind one interface (contract 2 of issue 5): a bank adds a vendor by
 * implementing IdentityVerificationProvider; the local default reads the document's
 * machine-readable zone on this machine and leaves face comparison to a person.
 */
import type { Config } from "../../config";
import { AppError } from "../../kernel/errors";
import type { MrzResult } from "../checks/mrz";
import { type MrzReading, readMrz, terminateOcr } from "./ocr";

export type VerificationOutcome = "pass" | "review" | "fail";

export interface DocumentVerification {
  provider: string;
  /** The zone read from the image; null when none could be read (outcome fail). */
  mrz: MrzResult | null;
  outcome: VerificationOutcome;
  /** Stable codes explaining the outcome (e.g. "check_digit_mismatch", "document_expired"). */
  reasons: string[];
  /** Provider-specific evidence (the local one: OCR confidence and time). */
  raw?: unknown;
}

export interface SelfieVerification {
  provider: string;
  outcome: VerificationOutcome;
  reasons: string[];
}

export interface IdentityVerificationProvider {
  name: string;
  verifyDocument(input: { image: Uint8Array; contentType: string }): Promise<DocumentVerification>;
  verifySelfie(input: { selfie: Uint8Array; document: Uint8Array }): Promise<SelfieVerification>;
  /** Releases what the provider holds (the OCR worker); called at shutdown. */
  close?(): Promise<void>;
}

/** Below this mean OCR confidence (0–100) a zone that parses is still shown to a person. */
export const LOW_OCR_CONFIDENCE = 30;

/** Why a zone read by OCR needs a person, as stable reason codes (empty: it may pass). */
export function documentReasons(reading: Pick<MrzReading, "mrz" | "confidence">): string[] {
  const { mrz } = reading;
  const reasons: string[] = [];
  if (mrz.errors.some((e) => e.code === "invalid_check_digit")) reasons.push("check_digit_mismatch");
  if (mrz.errors.some((e) => e.code !== "invalid_check_digit")) reasons.push("mrz_structure_invalid");
  if (mrz.corrections.length > 0) reasons.push("ocr_corrections");
  if (mrz.warnings.some((w) => w.code === "expired")) reasons.push("document_expired");
  if (mrz.warnings.some((w) => w.code === "unknown_state")) reasons.push("unknown_state_code");
  if (mrz.warnings.some((w) => w.code === "date_unknown")) reasons.push("date_incomplete");
  if (reading.confidence < LOW_OCR_CONFIDENCE) reasons.push("low_ocr_confidence");
  return reasons;
}

export interface LocalProviderOptions {
  ocrTimeoutMs: number;
  /** "Today" for the expiry warning (tests pass their clock). */
  now?: () => Date;
}

/**
 * The default: OCR of the data page and parseMrz → pass (valid, nothing to look at), review
 * (check-digit errors, corrections, expired, unknown state, low confidence) or fail (no zone).
 * No face matching runs on this machine, so a selfie always goes to a person.
 */
export function localIdentityProvider(opts: LocalProviderOptions): IdentityVerificationProvider {
  const name = "local";
  return {
    name,
    async verifyDocument({ image }) {
      let reading: MrzReading;
      try {
        reading = await readMrz(image, { timeoutMs: opts.ocrTimeoutMs, now: opts.now?.() });
      } catch (err) {
        if (err instanceof AppError && err.code === "ocr_unreadable") {
          return { provider: name, mrz: null, outcome: "fail", reasons: ["mrz_not_found"], raw: { detail: err.message } };
        }
        throw err;
      }
      const reasons = documentReasons(reading);
      return { provider: name, mrz: reading.mrz, outcome: reasons.length === 0 ? "pass" : "review", reasons, raw: { confidence: reading.confidence, ms: reading.ms } };
    },
    async verifySelfie() {
      return { provider: name, outcome: "review", reasons: ["selfie_needs_human_comparison"] };
    },
    close: terminateOcr,
  };
}

/** The provider named by the configuration (only "local" ships). */
export function createIdentityProvider(config: Config, now?: () => Date): IdentityVerificationProvider {
  switch (config.identity.provider) {
    case "local":
      return localIdentityProvider({ ocrTimeoutMs: config.identity.ocrTimeoutMs, now });
  }
}
