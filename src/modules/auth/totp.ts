import * as OTPAuth from "otpauth";
import QRCode from "qrcode";

const PERIOD = 30;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = "", issuer = "Atrium") {
  return new OTPAuth.TOTP({ issuer, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secretBase32) });
}

export async function totpEnrolment(secretBase32: string, label: string, issuer: string) {
  const uri = totp(secretBase32, label, issuer).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  return { secret: secretBase32, otpauthUrl: uri, qrSvg };
}

/**
 * Checks a 6-digit code with one step of clock drift either way. Returns the matched time step,
 * or null. Callers refuse a step at or below the last one accepted (no replay).
 */
export function verifyTotp(secretBase32: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secretBase32).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** The current code, for tests and the CLI. */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}
