import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

export const MIN_PASSWORD = 12;

/** The checks worth making before a round trip: length and the two copies matching. */
export function newPasswordProblem(t: TFunction, password: string, confirm: string, name = "password"): [string, string] | null {
  if (password.length > 0 && password.length < MIN_PASSWORD) return [name, t("fieldErrors.passwordShort", { n: MIN_PASSWORD })];
  if (password && password !== confirm) return ["confirm", t("password.mismatch")];
  return null;
}
import { TextField } from "../ui/Field";

interface Props {
  password: string;
  confirm: string;
  onPassword(value: string): void;
  onConfirm(value: string): void;
  errors: Record<string, string>;
  /** The API's field name for the new password (`password` or `newPassword`). */
  name?: string;
}

/** A new password typed twice, with the length advice shown before anyone gets it wrong. */
export function NewPasswordFields({ password, confirm, onPassword, onConfirm, errors, name = "password" }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        label={t("password.new")}
        hint={t("password.hint", { n: MIN_PASSWORD })}
        name={name}
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        error={errors[name]}
      />
      <TextField
        label={t("password.confirm")}
        name="confirm"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={errors.confirm}
      />
    </>
  );
}
