import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { onAuthLost, setCsrfToken } from "./api/client";
import { auth, me as meApi } from "./api/endpoints";
import type { Locale, Me, Permission } from "./api/types";
import { applyLocale } from "./i18n";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous"; reason?: "ended" | "signed_out" }
  | { status: "signed_in"; me: Me };

interface SessionApi {
  state: SessionState;
  /** After login, TOTP or accepting an invitation. Applies the user's saved language. */
  signedIn(me: Me, csrfToken: string): void;
  /** After PATCH /me, TOTP changes… */
  update(me: Me): void;
  signOut(): Promise<void>;
  /** Changes the language now; remembered on the account when signed in. */
  setLocale(locale: Locale): Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const signedIn = useCallback((user: Me, csrf: string) => {
    setCsrfToken(csrf);
    void applyLocale(user.locale);
    setState({ status: "signed_in", me: user });
  }, []);

  useEffect(() => {
    let live = true;
    auth
      .session()
      .then((s) => live && signedIn(s.user, s.csrfToken))
      .catch(() => live && setState({ status: "anonymous" }));
    const off = onAuthLost(() => {
      setCsrfToken(null);
      setState({ status: "anonymous", reason: "ended" });
    });
    return () => {
      live = false;
      off();
    };
  }, [signedIn]);

  const update = useCallback((user: Me) => setState({ status: "signed_in", me: user }), []);

  const signOut = useCallback(async () => {
    try {
      await auth.logout();
    } finally {
      setCsrfToken(null);
      setState({ status: "anonymous", reason: "signed_out" });
    }
  }, []);

  const setLocale = useCallback(
    async (locale: Locale) => {
      await applyLocale(locale);
      if (state.status === "signed_in" && state.me.locale !== locale) {
        update(await meApi.update({ locale }));
      }
    },
    [state, update],
  );

  const value = useMemo(() => ({ state, signedIn, update, signOut, setLocale }), [state, signedIn, update, signOut, setLocale]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession outside SessionProvider");
  return ctx;
}

/** The signed-in user; only for pages rendered behind the sign-in gate. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== "signed_in") throw new Error("useMe without a signed-in user");
  return state.me;
}

export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => me.abilities.includes(permission);
}
