import type { Logger } from "pino";
import type { Config } from "../config";
import type { Db } from "../db";
import type { Clock } from "../kernel/clock";
import type { EmailTransport, SmsProvider } from "../modules/notifications/providers";

/** Everything a route, command or job needs from the outside world, built once at start. */
export interface Deps {
  config: Config;
  db: Db;
  storeKind: "pglite" | "pg";
  clock: Clock;
  log: Logger;
  email: EmailTransport;
  sms: SmsProvider;
}
