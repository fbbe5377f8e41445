import { describe, expect, it } from "vitest";
import { CATALOGUES } from "../web/backoffice/src/i18n/catalogues";
import { LOCALES as CUSTOMER_LOCALES, MESSAGES as CUSTOMER } from "../web/customer/src/i18n";

type Tree = { [key: string]: string | Tree };

/** `{a: {b: "x"}}` → `{"a.b": "x"}`; anything that is not a string or an object is reported as is. */
function flatten(tree: Tree, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") for (const [k, v] of flatten(value, path)) out.set(k, v);
    else out.set(path, value);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const BACKOFFICE: Record<string, Tree> = CATALOGUES;
const english = flatten(CATALOGUES.en);
/** Words that are the same in the translation (an acronym). Everything else must be translated. */
const SAME_AS_ENGLISH = new Set(["he:outbox.channels.sms"]);

describe("back-office translations", () => {
  it("has all five locales with a sizeable catalogue", () => {
    expect(Object.keys(BACKOFFICE)).toEqual(["en", "he", "ar", "zh-Hans", "zh-Hant"]);
    expect(english.size).toBeGreaterThan(200);
  });

  for (const [locale, tree] of Object.entries(BACKOFFICE)) {
    describe(locale, () => {
      const flat = flatten(tree);

      it("has exactly the keys of en.json", () => {
        expect([...flat.keys()].sort()).toEqual([...english.keys()].sort());
      });

      it("has a non-empty string for every key", () => {
        const bad = [...flat].filter(([, v]) => typeof v !== "string" || v.trim() === "").map(([k]) => k);
        expect(bad).toEqual([]);
      });

      it("keeps the same {{placeholders}} as English", () => {
        const wrong = [...english]
          .filter(([k, v]) => JSON.stringify(placeholders(String(v))) !== JSON.stringify(placeholders(String(flat.get(k) ?? ""))))
          .map(([k]) => k);
        expect(wrong).toEqual([]);
      });

      if (locale !== "en") {
        it("is translated, not copied from English", () => {
          const copied = [...english].filter(([k, v]) => flat.get(k) === v && !SAME_AS_ENGLISH.has(`${locale}:${k}`)).map(([k]) => k);
          expect(copied).toEqual([]);
        });
      }
    });
  }

  it("translates every problem code the API can send", () => {
    const codes = [
      "validation_failed", "malformed_json", "unknown_field", "bad_request", "unauthenticated", "session_expired",
      "invalid_credentials", "mfa_required", "invalid_mfa_code", "invalid_api_key", "forbidden", "csrf_invalid",
      "out_of_scope", "not_found", "conflict", "already_exists", "account_locked", "token_invalid", "token_expired",
      "payload_too_large", "unsupported_media_type", "rate_limited", "not_ready", "internal_error",
    ];
    expect(codes.filter((c) => !english.has(`errors.${c}`))).toEqual([]);
  });

  it("translates every field problem code the API can send, with its limits as placeholders", () => {
    const codes = [
      "required", "taken", "unknown_reference", "mismatch", "empty", "wrong_password", "invalid_mfa_code", "token_invalid",
      "out_of_scope", "invalid_cursor", "password_too_short", "password_too_long", "password_is_email", "password_repeated",
      "too_small", "too_big", "invalid_type", "invalid_format", "invalid_value", "unknown_field",
    ];
    expect(codes.filter((c) => !english.has(`fieldErrors.${c}`))).toEqual([]);
    expect(placeholders(String(english.get("fieldErrors.password_too_short")))).toEqual(["minimum"]);
    expect(placeholders(String(english.get("fieldErrors.password_too_long")))).toEqual(["maximum"]);
    expect(placeholders(String(english.get("fieldErrors.tooShort")))).toEqual(["minimum"]);
    expect(placeholders(String(english.get("fieldErrors.tooLong")))).toEqual(["maximum"]);
  });
});

describe("customer-page translations", () => {
  const base = Object.keys(CUSTOMER.en).sort();
  for (const locale of CUSTOMER_LOCALES) {
    it(`${locale} has every message, none empty, none copied from English`, () => {
      const messages = CUSTOMER[locale] as unknown as Record<string, string>;
      expect(Object.keys(messages).sort()).toEqual(base);
      expect(Object.entries(messages).filter(([, v]) => !v.trim())).toEqual([]);
      if (locale !== "en") {
        const english = CUSTOMER.en as unknown as Record<string, string>;
        expect(Object.keys(messages).filter((k) => messages[k] === english[k])).toEqual([]);
      }
    });
  }
});
