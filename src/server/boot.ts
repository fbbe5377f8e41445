import pino from "pino";
import type { Config } from "../config";
import { openStore, type Store } from "../db";
import { migrateToLatest } from "../db/migrate";
import { type Clock, systemClock } from "../kernel/clock";
import type { EmailTransport, SmsProvider } from "../modules/notifications/providers";
import { createEmailTransport, createSmsProvider } from "../modules/notifications/transports";
import { type BlobStore, localBlobStore } from "../blobs";
import { type PaymentProvider, testPaymentProvider } from "../modules/onboarding/payments/provider";
import { createIdentityProvider, type IdentityVerificationProvider } from "../modules/identity/provider";
import type { Deps } from "./deps";
import "../modules/plugins";

export interface BootOptions {
  clock?: Clock;
  email?: EmailTransport;
  sms?: SmsProvider;
  blobs?: BlobStore;
  payments?: PaymentProvider;
  identity?: IdentityVerificationProvider;
  /** Reuse an open store (tests share one per worker). */
  store?: Store;
  migrate?: boolean;
}

/** Opens the store, applies migrations, builds providers: everything `createApp` and the worker need. */
export async function boot(config: Config, opts: BootOptions = {}): Promise<{ deps: Deps; store: Store; applied: string[] }> {
  const log = pino({ level: config.logLevel, base: { app: "atrium" } });
  const store = opts.store ?? (await openStore(config));
  const applied = opts.migrate === false ? [] : await migrateToLatest(store.db);
  const clock = opts.clock ?? systemClock;
  const deps: Deps = {
    config,
    db: store.db,
    storeKind: store.kind,
    clock,
    log,
    email: opts.email ?? createEmailTransport(config, log),
    sms: opts.sms ?? createSmsProvider(config),
    blobs: opts.blobs ?? localBlobStore(config.blobs.dir, config.blobs.key),
    payments: opts.payments ?? testPaymentProvider(),
    identity: opts.identity ?? createIdentityProvider(config, () => clock.now()),
  };
  return { deps, store, applied };
}
