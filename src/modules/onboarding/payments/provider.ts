/**
 * Payment providers (opening deposits, application fees). The bank's acquirer implements this;
 * the local test provider approves or declines by test card number, like acquirers' sandboxes.
 */
import { randomBytes } from "node:crypto";
import { cardBrand, luhn } from "./cards";

export { cardBrand, luhn } from "./cards";

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
