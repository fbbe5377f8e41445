import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "../router";
import { TextField } from "../ui/Field";
import { useTenantRequired } from "./login-options";
import { rememberedTenant } from "./tenant-memory";

export interface BankCode {
  /** As typed (lower-cased). */
  value: string;
  set(value: string): void;
  /** As sent: trimmed, "" when none was given. */
  slug: string;
  /** The `tenant` part of a request body: absent when no bank was named. */
  body: { tenant?: string };
  shown: boolean;
  show(): void;
  error: string | undefined;
}

/**
 * Which bank a signed-out form is for: from the link, else the one last signed in to on this
 * device. The field appears when it has a value, when the server hosts several banks, or when the
 * server names `tenant` in an error; once shown it stays (clearing it must not make it vanish
 * under the cursor).
 */
export function useBankCode(error: string | undefined): BankCode {
  const { query } = useLocation();
  const [value, set] = useState(() => query.get("tenant") ?? rememberedTenant());
  const [shown, setShown] = useState(value !== "");
  const required = useTenantRequired();
  useEffect(() => {
    if (error || required) setShown(true);
  }, [error, required]);
  const slug = value.trim();
  return { value, set, slug, body: slug ? { tenant: slug } : {}, shown, show: () => setShown(true), error };
}

/** The bank-code field of a signed-out form; nothing while it is hidden. */
export function BankCodeField({ bank }: { bank: BankCode }) {
  const { t } = useTranslation();
  if (!bank.shown) return null;
  return (
    <TextField
      label={t("login.tenant")}
      hint={t("login.tenantHint")}
      name="tenant"
      autoComplete="organization"
      dir="ltr"
      autoCapitalize="none"
      spellCheck={false}
      value={bank.value}
      onChange={(e) => bank.set(e.target.value.toLowerCase())}
      error={bank.error}
    />
  );
}
