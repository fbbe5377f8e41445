import type { Logger } from "pino";
import type { Actor } from "../kernel/access";
import type { AppError } from "../kernel/errors";

/** Per-request values set by middleware; typed for every route. */
export type AppEnv = {
  Variables: {
    requestId: string;
    log: Logger;
    ip: string | null;
    actor: Actor | null;
    /** Set when the actor came from a session cookie (CSRF applies). */
    sessionId: string | null;
    /** Why credentials that were sent did not yield an actor (expired session, bad key). */
    authProblem: AppError | null;
  };
};
