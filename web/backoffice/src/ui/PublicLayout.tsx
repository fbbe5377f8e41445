import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./LanguageSwitch";
import { usePageTitle } from "./title";

/** The frame of the signed-out pages: brand, language, one card, footer. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <div className="public">
      <header className="public__header">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true">
            A
          </span>
          Atrium
        </span>
        <LanguageSwitch compact />
      </header>
      <main id="main" className="public__main" tabIndex={-1}>
        <div className="card card--narrow">
          <h1>{title}</h1>
          {children}
        </div>
      </main>
      <footer className="public__footer">
        <p>{t("app.footer")}</p>
      </footer>
    </div>
  );
}
