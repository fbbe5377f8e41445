/**
 * Payment providers (opening deposits, application fees). The bank's acquirer implements this;
 * the local test provider approves or declines by test card number, like acquirers' sandboxes.
 */
import { randomBytes } from "node:crypto";

export interface PaymentRequest {
  /** Idempotency: the same key never charges twice. */
  key: string;
  amount: string;
  currency: string;
  card: { number: string; expiry: string; cvc: string; name: string };
  description: string;
}

export type PaymentResult =
  | { status: "approved"; transactionId: string; brand: string; last4: string }
  | { status: "declined"; code: "card_declined" | "insufficient_funds" | "expired_card" | "invalid_card"; brand: string | null; last4: string | null };

export interface PaymentProvider {
  readonly name: string;
  charge(req: PaymentRequest): Promise<PaymentResult>;
}

/** Luhn check over the digits of a card number. */
export function luhn(digits: string): boolean {
  if (!/^\d{12,19}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function cardBrand(digits: string): string | null {
  if (/^4/.test(digits)) return "visa";
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^(6011|65|64[4-9])/.test(digits)) return "discover";
  if (/^62/.test(digits)) return "unionpay";
  return null;
}

/** Test cards: these numbers decline with the named reason; any other Luhn-valid number is approved. */
export const TEST_DECLINES: Record<string, "card_declined" | "insufficient_funds" | "expired_card"> = {
  "4000000000000002": "card_declined",
  "4000000000009995": "insufficient_funds",
  "4000000000000069": "expired_card",
};

/** The local provider: no network, deterministic by card number, idempotent by key. */
export function testPaymentProvider(): PaymentProvider {
  const seen = new Map<string, PaymentResult>();
  return {
    name: "test",
    async charge(req) {
      const prior = seen.get(req.key);
      if (prior) return prior;
      const digits = req.card.number.replace(/[\s-]/g, "");
      const brand = cardBrand(digits);
      const last4 = digits.slice(-4) || null;
      let result: PaymentResult;
      if (!luhn(digits)) result = { status: "declined", code: "invalid_card", brand, last4 };
      else if (TEST_DECLINES[digits]) result = { status: "declined", code: TEST_DECLINES[digits], brand, last4 };
      else result = { status: "approved", transactionId: `test_${randomBytes(9).toString("base64url")}`, brand: brand ?? "card", last4: digits.slice(-4) };
      seen.set(req.key, result);
      return result;
    },
  };
}
