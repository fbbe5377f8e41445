import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { contacts, distribution } from "../../api/feedback";
import type { Channel, CreatedInvitation } from "../../api/types";
import { useCan } from "../../session";
import { ErrorMessage } from "../../ui/Alert";
import { usePaged } from "../../ui/data";
import { SelectField } from "../../ui/Field";
import { useForm } from "../../ui/form";
import { LoadMore } from "../../ui/Page";
import { TableWrap } from "../../ui/TableWrap";
import { CopyField } from "./shared";

/** Personal (single-use) links for chosen contacts, optionally sent by email or SMS at once. */
export function PersonalLinks({ surveyId }: { surveyId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [channel, setChannel] = useState<Channel | "">("");
  const [created, setCreated] = useState<(CreatedInvitation & { label: string })[] | null>(null);
  const list = usePaged((cursor) => contacts.list({ q: search, cursor, limit: 20 }), [search]);
  const form = useForm(["contactIds", "channel"]);
  const allowed = can("surveys:distribute");

  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = (e: FormEvent) =>
    form.submit(e, async () => {
      if (picked.size === 0) return form.setFieldError("contactIds", t("feedback.invite.pickOne"));
      const { items } = await distribution.invite(surveyId, { contactIds: [...picked], ...(channel ? { channel } : {}) });
      const names = new Map(list.items.map((c) => [c.id, c.name ?? c.email ?? c.phone ?? c.id]));
      setCreated(items.map((i) => ({ ...i, label: names.get(i.contactId) ?? i.contactId })));
      setPicked(new Set());
    });

  if (!allowed) return null;
  return (
    <section className="card" aria-labelledby="fb-personal">
      <h2 id="fb-personal">{t("feedback.invite.title")}</h2>
      <p className="muted">{t("feedback.invite.intro")}</p>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
        }}
      >
        <label htmlFor="fb-invite-search" className="visually-hidden">
          {t("feedback.contacts.search")}
        </label>
        <input id="fb-invite-search" type="search" value={q} placeholder={t("feedback.contacts.searchPlaceholder")} onChange={(e) => setQ(e.target.value)} />
        <button type="submit" className="button button--secondary">
          {t("feedback.contacts.search")}
        </button>
      </form>
      <form ref={form.ref} onSubmit={(e) => void submit(e)} noValidate>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <fieldset className="fb-picklist">
          <legend>{t("feedback.invite.contacts", { count: picked.size })}</legend>
          {list.items.length === 0 && !list.loading ? <p className="muted">{t("feedback.contacts.none")}</p> : null}
          <ul>
            {list.items.map((c) => (
              <li key={c.id}>
                <label>
                  <input type="checkbox" checked={picked.has(c.id)} onChange={() => toggle(c.id)} disabled={!!c.unsubscribedAt} />{" "}
                  {c.name ?? "—"} <span className="muted" dir="ltr">{c.email ?? c.phone ?? c.customerId}</span>
                  {c.unsubscribedAt ? <span className="badge badge--warn">{t("feedback.contacts.unsubscribed")}</span> : null}
                </label>
              </li>
            ))}
          </ul>
          <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
          {form.errors.fields.contactIds ? <p className="field__error">{form.errors.fields.contactIds}</p> : null}
        </fieldset>
        <SelectField label={t("feedback.invite.send")} value={channel} onChange={(e) => setChannel(e.target.value as Channel | "")} error={form.errors.fields.channel}>
          <option value="">{t("feedback.invite.linksOnly")}</option>
          <option value="email">{t("feedback.invite.byEmail")}</option>
          <option value="sms">{t("feedback.invite.bySms")}</option>
        </SelectField>
        <button type="submit" className="button" disabled={form.busy}>
          {t("feedback.invite.create")}
        </button>
      </form>
      {created ? (
        <div className="section">
          <p className="alert alert--info">{t("feedback.invite.shownOnce")}</p>
          <TableWrap label={t("feedback.invite.created")}>
            <table className="fb-table">
              <tbody>
                {created.map((i) => (
                  <tr key={i.contactId}>
                    <th scope="row">{i.label}</th>
                    <td>
                      {i.reason ? (
                        <span className="badge badge--warn">{t(`feedback.skip.${i.reason}`)}</span>
                      ) : i.url ? (
                        <CopyField label={t("feedback.invite.linkFor", { name: i.label })} value={i.url} />
                      ) : null}
                      {i.status === "sent" ? <span className="badge badge--ok">{t("feedback.invite.sent")}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </div>
      ) : null}
    </section>
  );
}
