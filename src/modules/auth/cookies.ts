import type { Context } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { Config } from "../../config";
import { SESSION_COOKIE } from "./tokens";

/** HttpOnly, SameSite=Lax, Secure on https; lives as long as the session may. */
export function setSessionCookie(c: Context, config: Config, token: string, maxAgeSeconds: number) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: config.https,
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(c: Context, config: Config) {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: config.https });
}
