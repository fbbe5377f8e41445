/**
 * Card checks with no dependencies, shared by the server (before any charge) and the customer's
 * payment page (before anything is sent), so both refuse the same cards.
 */

/** Luhn check over the digits of a card number (spaces and dashes as typed are ignored). */
export function luhn(number: string): boolean {
  const digits = number.replace(/[\s-]/g, "");
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

/** "MM/YY": "invalid" when unreadable, "expired" before the first day after that month (UTC), else "ok". */
export function expiryState(v: string, now: Date): "ok" | "invalid" | "expired" {
  const m = /^(\d{2})\s*\/\s*(\d{2})$/.exec(v.trim());
  const month = m ? Number(m[1]) : 0;
  if (!m || month < 1 || month > 12) return "invalid";
  const year = 2000 + Number(m[2]);
  return year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1) ? "expired" : "ok";
}
