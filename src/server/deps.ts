import type { Logger } from "pino";
import type { Config } from "../config";
import type { Db } from "../db";
import type { Clock } from "../kernel/clock";
import type { BlobStore } from "../blobs";
import type { EmailTransport, SmsProvider } from "../modules/notifications/providers";
import type { PaymentProvider } from "../modules/onboarding/payments/provider";
import type { IdentityVerificationProvider } from "../modules/identity/provider";

/** Everything a route, command or job needs from the outside world, built once at start. */
export interface Deps {
  config: Config;
  db: Db;
  storeKind: "pglite" | "pg";
  clock: Clock;
  log: Logger;
  email: EmailTransport;
  sms: SmsProvider;
  /** Encrypted blob storage (documents); local files under the data folder by default. */
  blobs: BlobStore;
  /** Card payments in onboarding; the local test provider by default. */
  payments: PaymentProvider;
  /** Identity documents and selfies; the local provider (OCR of the MRZ on this machine) by default. */
  identity: IdentityVerificationProvider;
}
