import type { TFunction } from "i18next";
import { useEffect, useRef } from "react";
import type { EnvelopeStatus, SealStatus, SignerStatus, SigningText, TemplateStatus, TemplateSummary } from "../../api/types";
import { currentLocale } from "../../i18n";

export const LANGUAGES = ["en", "he", "ar", "zh-Hans", "zh-Hant"] as const;

export const ENVELOPE_TONE: Record<EnvelopeStatus, string> = { sent: "warn", completed: "ok", declined: "error", voided: "muted", expired: "muted" };
export const SEAL_TONE: Record<SealStatus, string> = { none: "muted", pending: "warn", sealed: "ok", failed: "error" };
export const SIGNER_TONE: Record<SignerStatus, string> = { waiting: "muted", sent: "warn", viewed: "warn", consented: "warn", signed: "ok", declined: "error" };
export const TEMPLATE_TONE: Record<TemplateStatus, string> = { draft: "warn", active: "ok", archived: "muted" };

/** A template's or a label's text in the staff language, else English, else any. */
export function signingText(text: SigningText | Record<string, string> | null | undefined): string {
  if (!text) return "";
  const t = text as Record<string, string | undefined>;
  return t[currentLocale()] ?? t.en ?? Object.values(t).find(Boolean) ?? "";
}

export function templateName(template: Pick<TemplateSummary, "name" | "key">): string {
  return signingText(template.name) || template.key;
}

/** A product id → its name (the applications catalogue). */
export function productName(t: TFunction, product: string): string {
  return t(`applications.products.${product}`, { defaultValue: product });
}

export function languageName(t: TFunction, language: string): string {
  return t(`applications.languages.${language}`, { defaultValue: language });
}

/** The first 12 hex digits of a hash, enough to compare by eye; the whole one in the title. */
export function shortHash(hash: string | null | undefined): string {
  return hash ? `${hash.slice(0, 12)}…` : "—";
}

/** A file name from a document name: letters kept, the rest dashes. */
export function fileName(name: string, suffix: string): string {
  const base = name.replace(/[\\/:*?"<>|\s]+/g, "-").replace(/-+/g, "-").replace(/^-|-$/g, "") || "document";
  return `${base}${suffix}`;
}

/** Shows a <dialog> as a modal while mounted. */
export function useModal() {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return ref;
}
