import { describe, expect, it } from "vitest";
import { expiryState } from "./cards";
import { cardBrand, luhn, testPaymentProvider } from "./provider";

const card = (number: string) => ({ number, expiry: "12/30", cvc: "123", name: "Test Person" });

describe("card expiry", () => {
  it("works through the last day of the month and refuses unreadable dates", () => {
    const now = new Date("2026-11-23T12:00:00Z");
    expect(expiryState("11/26", now)).toBe("ok");
    expect(expiryState("12 / 26", now)).toBe("ok");
    expect(expiryState("10/26", now)).toBe("expired");
    expect(expiryState("01/25", now)).toBe("expired");
    expect(expiryState("13/27", now)).toBe("invalid");
    expect(expiryState("1/27", now)).toBe("invalid");
    expect(expiryState("", now)).toBe("invalid");
  });
});

describe("test payment provider", () => {
  it("checks card numbers with Luhn and names the brand", () => {
    expect(luhn("4242424242424242")).toBe(true);
    expect(luhn("4242424242424241")).toBe(false);
    expect(luhn("5555555555554444")).toBe(true);
    expect(luhn("378282246310005")).toBe(true);
    expect(luhn("12ab")).toBe(false);
    expect(cardBrand("4242424242424242")).toBe("visa");
    expect(cardBrand("5555555555554444")).toBe("mastercard");
    expect(cardBrand("2223003122003222")).toBe("mastercard");
    expect(cardBrand("378282246310005")).toBe("amex");
    expect(cardBrand("9999999999999995")).toBeNull();
  });

  it("approves good cards, declines the test cards with their reason, and never charges one key twice", async () => {
    const p = testPaymentProvider();
    const ok = await p.charge({ key: "a:1", amount: "50.00", currency: "USD", card: card("4242 4242 4242 4242"), description: "deposit" });
    expect(ok).toMatchObject({ status: "approved", brand: "visa", last4: "4242" });
    const again = await p.charge({ key: "a:1", amount: "50.00", currency: "USD", card: card("4242424242424242"), description: "deposit" });
    expect(again).toEqual(ok);
    expect(await p.charge({ key: "b", amount: "5", currency: "USD", card: card("4000000000000002"), description: "" })).toMatchObject({ status: "declined", code: "card_declined" });
    expect(await p.charge({ key: "c", amount: "5", currency: "USD", card: card("4000000000009995"), description: "" })).toMatchObject({ status: "declined", code: "insufficient_funds" });
    expect(await p.charge({ key: "d", amount: "5", currency: "USD", card: card("4242424242424241"), description: "" })).toMatchObject({ status: "declined", code: "invalid_card" });
  });
});
