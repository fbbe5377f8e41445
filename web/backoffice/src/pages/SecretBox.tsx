import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

interface Props {
  title: string;
  warning: string;
  label: string;
  secret: string;
  onDone(): void;
}

/** A secret shown once: selectable text, a copy button and a clear warning. */
export function SecretBox({ title, warning, label, secret, onDone }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);

  useEffect(() => heading.current?.focus(), []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      input.current?.select();
      setCopied("no");
    }
  };

  return (
    <section className="card secret" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <p className="secret__warning">
        <strong>{warning}</strong>
      </p>
      <label htmlFor={id}>{label}</label>
      <div className="secret__row">
        <textarea
          ref={input}
          id={id}
          className="secret__value"
          readOnly
          rows={2}
          value={secret}
          dir="ltr"
          spellCheck={false}
          autoComplete="off"
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t("common.copy")}
        </button>
      </div>
      <p role="status" className="muted">
        {copied === "yes" ? t("common.copied") : copied === "no" ? t("common.copyManually") : null}
      </p>
      <button type="button" className="button button--secondary" onClick={onDone}>
        {t("apiKeys.savedIt")}
      </button>
    </section>
  );
}
