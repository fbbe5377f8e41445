import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { crossFieldProblems, type Env, envSchema } from "./schema";

export interface Config {
  readonly env: Env["NODE_ENV"];
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  readonly https: boolean;
  readonly store: { readonly kind: "pglite"; readonly dataDir: string } | { readonly kind: "pg"; readonly url: string };
  readonly dataDir: string;
  /** 32-byte key for encrypting secrets at rest (TOTP secrets) and signing CSRF tokens. */
  readonly secretKey: Buffer;
  readonly logLevel: Env["LOG_LEVEL"];
  readonly trustProxy: boolean;
  readonly session: { readonly ttlHours: number; readonly idleMinutes: number };
  readonly login: { readonly maxFailures: number; readonly lockoutMinutes: number };
  readonly rateLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  readonly worker: { readonly concurrency: number; readonly pollMs: number };
  readonly mail: { readonly smtpUrl?: string; readonly from: string };
  readonly sms: { readonly provider: "outbox" | "http"; readonly httpUrl?: string; readonly httpToken?: string; readonly from: string };
  readonly devOutbox: boolean;
  readonly argon2MemoryKib: number;
  /** An in-progress survey response idle this long is closed as partial. */
  readonly feedbackPartialAfterHours: number;
  /** Blob storage: local files under `dir`, AES-256-GCM with `key` (BLOB_KEY, else derived from the secret). */
  readonly blobs: { readonly dir: string; readonly key: Buffer };
  readonly onboarding: {
    readonly linkTtlHours: number;
    readonly otpTtlMinutes: number;
    readonly otpMaxAttempts: number;
    readonly otpLockMinutes: number;
    readonly sessionIdleMinutes: number;
    readonly uploadMaxBytes: number;
    readonly paymentProvider: "test";
  };
  readonly identity: { readonly provider: "local"; readonly ocrTimeoutMs: number };
  readonly screening: { readonly sources: string | undefined; readonly importCron: string };
  /** The bank's electronic seal: one PKCS#12 for the deployment; without it, a local test CA (not in production). */
  readonly seal: {
    readonly p12Path: string | undefined;
    readonly p12Password: string | undefined;
    /** RFC 3161 time-stamp authority for signature time-stamps (PAdES B-T); null: seals are B-B. */
    readonly tsa: { readonly url: string; readonly timeoutMs: number; readonly username: string | undefined; readonly password: string | undefined } | null;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Buffer.isBuffer(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The development secret lives in the data folder so restarts keep sessions and TOTP secrets. */
function devSecret(dataDir: string): Buffer {
  const file = join(dataDir, "secret.key");
  if (existsSync(file)) return Buffer.from(readFileSync(file, "utf8").trim(), "base64");
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString("base64"), { mode: 0o600 });
  return key;
}

/** Parses the environment once; throws ConfigError listing every problem, not just the first. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = envSchema.safeParse(raw);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`)),
    ...crossFieldProblems(raw),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const dataDir = resolve(e.ATRIUM_DATA_DIR);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const secretKey = e.ATRIUM_SECRET
    ? Buffer.from(e.ATRIUM_SECRET, "utf8").subarray(0, 64)
    : e.NODE_ENV === "test"
      ? Buffer.alloc(32, 7)
      : devSecret(dataDir);
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    https: publicUrl.startsWith("https://"),
    store: e.DATABASE_URL ? { kind: "pg", url: e.DATABASE_URL } : { kind: "pglite", dataDir: join(dataDir, "pglite") },
    dataDir,
    secretKey,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    session: { ttlHours: e.SESSION_TTL_HOURS, idleMinutes: e.SESSION_IDLE_MINUTES },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES },
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    worker: { concurrency: e.WORKER_CONCURRENCY, pollMs: e.WORKER_POLL_MS },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    sms: { provider: e.SMS_PROVIDER, httpUrl: e.SMS_HTTP_URL, httpToken: e.SMS_HTTP_TOKEN, from: e.SMS_FROM },
    devOutbox: e.DEV_OUTBOX ?? e.NODE_ENV !== "production",
    argon2MemoryKib: e.ARGON2_MEMORY_KIB,
    feedbackPartialAfterHours: e.FEEDBACK_PARTIAL_AFTER_HOURS,
    blobs: {
      dir: resolve(e.BLOB_DIR ?? join(dataDir, "blobs")),
      key: e.BLOB_KEY ? createHash("sha256").update(e.BLOB_KEY, "utf8").digest() : createHash("sha256").update("atrium:blobs:").update(secretKey).digest(),
    },
    onboarding: {
      linkTtlHours: e.ONBOARDING_LINK_TTL_HOURS,
      otpTtlMinutes: e.ONBOARDING_OTP_TTL_MINUTES,
      otpMaxAttempts: e.ONBOARDING_OTP_MAX_ATTEMPTS,
      otpLockMinutes: e.ONBOARDING_OTP_LOCK_MINUTES,
      sessionIdleMinutes: e.ONBOARDING_SESSION_IDLE_MINUTES,
      uploadMaxBytes: e.ONBOARDING_UPLOAD_MAX_BYTES,
      paymentProvider: e.PAYMENT_PROVIDER,
    },
    identity: { provider: e.IDENTITY_PROVIDER, ocrTimeoutMs: e.OCR_TIMEOUT_MS },
    /** Sources as written (screening/sources.ts parses them); the cron of the scheduled import. */
    screening: { sources: e.SCREENING_SOURCES, importCron: e.SCREENING_IMPORT_CRON },
    seal: {
      p12Path: e.SEAL_P12_PATH ? resolve(e.SEAL_P12_PATH) : undefined,
      p12Password: e.SEAL_P12_PASSWORD,
      tsa: e.SEAL_TSA_URL ? { url: e.SEAL_TSA_URL, timeoutMs: e.SEAL_TSA_TIMEOUT_MS, username: e.SEAL_TSA_USERNAME, password: e.SEAL_TSA_PASSWORD } : null,
    },
  };
  return deepFreeze(config);
}

/** A config for tests: in-memory PGlite unless DATABASE_URL is given, cheap argon2, fixed secret. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    ATRIUM_DATA_DIR: "./data/test",
    ARGON2_MEMORY_KIB: "1024",
    RATE_LIMIT_PER_MINUTE: "100000",
    BLOB_DIR: join(tmpdir(), "atrium-test-blobs"),
    ...overrides,
  });
}
