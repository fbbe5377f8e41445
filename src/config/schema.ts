import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every environment variable Atrium reads. Each is documented in README.md ("Configuration");
 * keep the two in step.
 */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().min(1).default("127.0.0.1"),
    PORT: int(0, 65535).default(8080),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    ATRIUM_DATA_DIR: z.string().min(1).default("./data"),
    ATRIUM_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    TRUST_PROXY: bool.default(false),
    SESSION_TTL_HOURS: int(1, 720).default(12),
    SESSION_IDLE_MINUTES: int(5, 24 * 60).default(60),
    LOGIN_MAX_FAILURES: int(3, 100).default(10),
    LOGIN_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
    RATE_LIMIT_PER_MINUTE: int(10, 1_000_000).default(600),
    BODY_LIMIT_BYTES: int(1024, 100 * 1024 * 1024).default(1024 * 1024),
    WORKER_CONCURRENCY: int(1, 64).default(4),
    WORKER_POLL_MS: int(50, 60_000).default(1000),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
      .optional(),
    MAIL_FROM: z.string().min(3).default("Atrium <no-reply@atrium.local>"),
    SMS_PROVIDER: z.enum(["outbox", "http"]).default("outbox"),
    SMS_HTTP_URL: z.url({ protocol: /^https?$/ }).optional(),
    SMS_HTTP_TOKEN: z.string().min(1).optional(),
    SMS_FROM: z.string().min(1).default("Atrium"),
    DEV_OUTBOX: bool.optional(),
    ARGON2_MEMORY_KIB: int(1024, 1024 * 1024).default(19456),
    FEEDBACK_PARTIAL_AFTER_HOURS: int(1, 24 * 365).default(24),
    BLOB_DIR: z.string().min(1).optional(),
    BLOB_KEY: z.string().min(32, "must be at least 32 characters").optional(),
    ONBOARDING_LINK_TTL_HOURS: int(1, 24 * 90).default(14 * 24),
    ONBOARDING_OTP_TTL_MINUTES: int(1, 60).default(10),
    ONBOARDING_OTP_MAX_ATTEMPTS: int(3, 20).default(5),
    ONBOARDING_OTP_LOCK_MINUTES: int(1, 24 * 60).default(15),
    ONBOARDING_SESSION_IDLE_MINUTES: int(5, 24 * 60).default(30),
    ONBOARDING_UPLOAD_MAX_BYTES: int(10 * 1024, 50 * 1024 * 1024).default(10 * 1024 * 1024),
    PAYMENT_PROVIDER: z.enum(["test"]).default("test"),
    IDENTITY_PROVIDER: z.enum(["local"]).default("local"),
    OCR_TIMEOUT_MS: int(1000, 5 * 60_000).default(30_000),
    SCREENING_SOURCES: z.string().min(1).optional(),
    SCREENING_IMPORT_CRON: z.string().min(9).default("30 2 * * *"),
    SEAL_P12_PATH: z.string().min(1).optional(),
    SEAL_P12_PASSWORD: z.string().optional(),
    SEAL_TSA_URL: z.url({ protocol: /^https?$/ }).optional(),
    SEAL_TSA_TIMEOUT_MS: int(500, 120_000).default(10_000),
    SEAL_TSA_USERNAME: z.string().min(1).optional(),
    SEAL_TSA_PASSWORD: z.string().optional(),
  });

/**
 * Rules between variables, checked on the raw environment so they are reported together with
 * field problems (a schema refinement would be skipped when any field fails).
 */
export function crossFieldProblems(raw: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (raw.NODE_ENV === "production" && !raw.ATRIUM_SECRET) {
    problems.push("ATRIUM_SECRET: is required in production (32+ random characters)");
  }
  if (raw.SMS_PROVIDER === "http" && !raw.SMS_HTTP_URL) {
    problems.push("SMS_HTTP_URL: is required when SMS_PROVIDER=http");
  }
  if (raw.SEAL_P12_PATH && raw.SEAL_P12_PASSWORD === undefined) {
    problems.push("SEAL_P12_PASSWORD: is required when SEAL_P12_PATH is set (use an empty value for a P12 without password)");
  }
  if (raw.SEAL_TSA_URL?.startsWith("http:")) {
    let host = "";
    try {
      host = new URL(raw.SEAL_TSA_URL).hostname;
    } catch {
      // the field check reports a malformed URL
    }
    const local = ["localhost", "127.0.0.1", "[::1]"].includes(host);
    if (!local || raw.NODE_ENV === "production") problems.push("SEAL_TSA_URL: must be an https:// URL (http:// only for localhost or 127.0.0.1 outside production)");
  }
  if ((raw.SEAL_TSA_USERNAME === undefined) !== (raw.SEAL_TSA_PASSWORD === undefined)) {
    problems.push("SEAL_TSA_USERNAME and SEAL_TSA_PASSWORD: set both (HTTP Basic for the time-stamp authority) or neither");
  }
  if (!raw.SEAL_TSA_URL && raw.SEAL_TSA_USERNAME) problems.push("SEAL_TSA_USERNAME: is only used with SEAL_TSA_URL");
  return problems;
}

export type Env = z.infer<typeof envSchema>;
