import { useState } from "react";
import { useTranslation } from "react-i18next";
import { contacts } from "../../api/feedback";
import type { Contact } from "../../api/types";
import { useCan } from "../../session";
import { StatusMessage } from "../../ui/Alert";
import { usePaged } from "../../ui/data";
import { formatDateTime } from "../../ui/format";
import { PageHead } from "../../ui/Page";
import { PagedTable } from "../../ui/PagedTable";
import { LabelledCell } from "../../ui/TableWrap";
import { ContactForm } from "./ContactForm";
import { ContactImport } from "./ContactImport";
import { SettingsForm } from "./SettingsForm";
import "./feedback.css";
import { SearchBar } from "../../ui/SearchBar";

/** /contacts: the people the bank surveys, their lists and unsubscribe state; CSV import; settings. */
export function ContactsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const writable = can("contacts:write");
  const [search, setSearch] = useState("");
  const [panel, setPanel] = useState<"add" | "import" | Contact | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = usePaged((cursor) => contacts.list({ q: search, cursor, limit: 50 }), [search]);

  const open = (next: typeof panel) => {
    setNotice(null);
    setPanel(next);
  };

  return (
    <>
      <PageHead
        title={t("feedback.contacts.title")}
        intro={t("feedback.contacts.intro")}
        actions={
          writable && panel === null ? (
            <>
              <button type="button" className="button" onClick={() => open("add")}>
                {t("feedback.contacts.add")}
              </button>
              <button type="button" className="button button--secondary" onClick={() => open("import")}>
                {t("feedback.import.title")}
              </button>
            </>
          ) : null
        }
      />
      <StatusMessage>{notice}</StatusMessage>
      {panel === "import" ? <ContactImport onCancel={() => setPanel(null)} onImported={list.reload} /> : null}
      {panel === "add" || (panel && typeof panel === "object") ? (
        <ContactForm
          key={typeof panel === "object" ? panel.id : "new"}
          contact={typeof panel === "object" ? panel : undefined}
          onCancel={() => setPanel(null)}
          onSaved={(c) => {
            if (typeof panel === "object") list.replace((x) => x.id === c.id, c);
            else list.reload();
            setPanel(null);
            setNotice(t("feedback.contacts.saved", { name: c.name ?? c.email ?? c.phone ?? c.customerId ?? "" }));
          }}
        />
      ) : null}
      <SearchBar id="contact-search" label={t("feedback.contacts.search")} placeholder={t("feedback.contacts.searchPlaceholder")} onSearch={setSearch} />
      <PagedTable
        list={list}
        label={t("feedback.contacts.title")}
        className="table-wrap--stack"
        columns={[t("feedback.contacts.person"), t("feedback.contacts.phone"), t("feedback.contacts.customerId"), t("feedback.contacts.lists"), t("common.status"), t("feedback.contacts.lastSurveyed"), writable && t("common.actions")]}
        empty={t("feedback.contacts.none")}
        row={(c) => (
          <tr key={c.id}>
            <td className="cell--head">
              <span className="strong">{c.name ?? "—"}</span>
              <br />
              <span className="muted" dir="ltr">
                {c.email ?? ""}
              </span>
            </td>
            <LabelledCell label={t("feedback.contacts.phone")}>
              <span dir="ltr">{c.phone ?? "—"}</span>
            </LabelledCell>
            <LabelledCell label={t("feedback.contacts.customerId")}>
              <span dir="ltr">{c.customerId ?? "—"}</span>
            </LabelledCell>
            <LabelledCell label={t("feedback.contacts.lists")}>{c.lists.length ? c.lists.join(", ") : "—"}</LabelledCell>
            <LabelledCell label={t("common.status")}>
              {c.unsubscribedAt ? (
                <span className="badge badge--warn" title={formatDateTime(c.unsubscribedAt)}>
                  {t("feedback.contacts.unsubscribed")}
                </span>
              ) : (
                <span className="badge badge--ok">{t("feedback.contacts.subscribed")}</span>
              )}
            </LabelledCell>
            <LabelledCell label={t("feedback.contacts.lastSurveyed")}>{formatDateTime(c.lastSurveyedAt)}</LabelledCell>
            {writable ? (
              <td className="cell--actions">
                <button type="button" className="button button--small button--secondary" onClick={() => open(c)}>
                  {t("common.edit")}
                  <span className="visually-hidden"> {c.name ?? c.email ?? c.phone ?? ""}</span>
                </button>
              </td>
            ) : null}
          </tr>
        )}
      />
      {can("org:write") ? <SettingsForm /> : null}
    </>
  );
}
