/**
 * ICAO 9303 Part 3 §4.9 check digits: each character has a value (0–9 for digits, 10–35 for A–Z,
 * 0 for the filler `<`), multiplied by the repeating weights 7, 3, 1; the digit is the sum modulo 10.
 */
const WEIGHTS = [7, 3, 1] as const;

export function charValue(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 90) return code - 55;
  if (ch === "<") return 0;
  return Number.NaN;
}

/** The check digit of `text` (characters outside 0-9, A-Z and < give NaN). */
export function checkDigit(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += charValue(text[i] as string) * (WEIGHTS[i % 3] as number);
  return sum % 10;
}

export const checkDigitChar = (text: string): string => String(checkDigit(text));
