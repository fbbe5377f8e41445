/**
 * Email syntax: one rule for the server and the customer's page (a mailbox, "@", a domain with a
 * dot and a top-level part of two or more characters; at most 254 characters, 64 before the "@").
 * Deliberately loose: the confirmation email is the real check. No dependency.
 */
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]{2,}$/;

export type EmailCode = "email_empty" | "invalid_email" | "email_too_long";

/** The problem of an address as typed (trimmed first), or null when it looks deliverable. */
export function emailProblem(raw: string): EmailCode | null {
  const s = raw.trim();
  if (s === "") return "email_empty";
  if (s.length > 254 || (s.split("@")[0] ?? "").length > 64) return "email_too_long";
  return EMAIL.test(s) && !/\.\./.test(s) ? null : "invalid_email";
}

/** The domain of an address, lower case, without a trailing dot. */
export const emailDomain = (email: string): string => email.slice(email.lastIndexOf("@") + 1).toLowerCase().replace(/\.$/, "");
