import type { TFunction } from "i18next";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Only for the advice shown under the field. The server decides (`password_too_short` and the rest
 * of its policy come back as field codes), so the length is not checked here.
 */
export const MIN_PASSWORD = 12;

/** The one check only the browser can make: the two copies typed match. */
export function newPasswordProblem(t: TFunction, password: string, confirm: string): [string, string] | null {
  if (password && password !== confirm) return ["confirm", t("password.mismatch")];
  return null;
}
import { TextField } from "../ui/Field";
import type { useForm } from "../ui/form";

/**
 * The two copies of a new password a form holds: `fields` goes to NewPasswordFields; `submit`
 * stops on a mismatch (shown on `confirm`) before anything is sent, else submits `form`.
 */
export function useNewPassword() {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  return {
    password,
    confirm,
    fields: { password, confirm, onPassword: setPassword, onConfirm: setConfirm },
    submit(
      form: ReturnType<typeof useForm>,
      e: FormEvent,
      action: () => Promise<void>,
      required: Record<string, string>,
    ): Promise<boolean> {
      e.preventDefault();
      const problem = newPasswordProblem(t, password, confirm);
      if (problem) {
        form.setFieldError(...problem);
        return Promise.resolve(false);
      }
      return form.submit(null, action, required);
    },
    clear: () => {
      setPassword("");
      setConfirm("");
    },
  };
}

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
