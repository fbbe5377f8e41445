/** OpenAPI schemas of the MRZ and document checks (mirrored by the back office's API types). */
import { z } from "../../server/openapi";

const Issue = z.object({ field: z.string(), code: z.string() }).openapi("MrzIssue");

export const MrzFieldsSchema = z
  .object({
    documentNumber: z.string().nullable(),
    surname: z.string().nullable(),
    givenNames: z.string().nullable().openapi({ description: "Given names separated by single spaces" }),
    nationality: z.string().nullable(),
    issuingState: z.string().nullable(),
    birthDate: z.string().nullable().openapi({ description: "YYYY-MM-DD (century chosen so the date is in the past)" }),
    expiryDate: z.string().nullable().openapi({ description: "YYYY-MM-DD; null on the French card of 1988–2021" }),
    sex: z.enum(["M", "F", "X"]).nullable(),
    documentCode: z.string().nullable(),
    optionalData: z.string().nullable(),
    optionalData2: z.string().nullable().openapi({ description: "TD1 second optional field; the French card's administrative code" }),
  })
  .openapi("MrzFields");

export const MrzCheckSchema = z
  .object({
    valid: z.boolean().openapi({ description: "Structure and every check digit are right (warnings do not count)" }),
    format: z.enum(["TD1", "TD2", "TD3"]),
    variant: z.enum(["td1", "td2", "td3", "mrv-a", "mrv-b", "fr-id"]).openapi({ description: "ICAO size, machine-readable visa (MRV-A/MRV-B) or French identity card (fr-id)" }),
    fields: MrzFieldsSchema,
    errors: z.array(Issue).openapi({ description: "codes: invalid_check_digit (field, or `composite`), invalid_date, invalid_sex, invalid_characters, invalid_document_code" }),
    warnings: z.array(Issue).openapi({ description: "codes: unknown_state, expired, date_unknown" }),
    corrections: z
      .array(z.object({ line: z.number().int(), position: z.number().int(), from: z.string(), to: z.string(), field: z.string() }))
      .openapi({ description: "OCR confusions (O/0, I/1, B/8, S/5, Z/2) corrected where a position takes only letters or only digits; 1-based line and position" }),
  })
  .openapi("MrzCheck");

export const MrzCheckRequest = z
  .strictObject({
    mrz: z.string().max(200).openapi({ description: "The zone's lines separated by \\n (\\r\\n, spaces and lower case accepted)", example: "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10" }),
  })
  .openapi("MrzCheckRequest");

export const DocumentCheckSchema = z
  .object({
    provider: z.string(),
    outcome: z.enum(["pass", "review", "fail"]),
    reasons: z.array(z.string()).openapi({ description: "check_digit_mismatch, mrz_structure_invalid, ocr_corrections, document_expired, unknown_state_code, date_incomplete, low_ocr_confidence" }),
    mrz: MrzCheckSchema,
    ocr: z.object({ confidence: z.number().nullable().openapi({ description: "Mean OCR confidence 0–100 of the zone's lines" }), ms: z.number().nullable() }),
  })
  .openapi("DocumentCheck");
