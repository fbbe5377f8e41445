import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { contacts } from "../../api/feedback";
import type { Contact, ContactInput } from "../../api/types";
import { LOCALES, LOCALE_NAMES } from "../../i18n/locales";
import { ErrorMessage } from "../../ui/Alert";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { useForm } from "../../ui/form";

const FIELDS = ["email", "phone", "name", "locale", "customerId", "lists"] as const;

/** Add a contact, or edit one (`contact` given). */
export function ContactForm({ contact, onCancel, onSaved }: { contact?: Contact; onCancel(): void; onSaved(c: Contact): void }) {
  const { t } = useTranslation();
  const form = useForm(FIELDS);
  const [email, setEmail] = useState(contact?.email ?? "");
  const [phone, setPhone] = useState(contact?.phone ?? "");
  const [name, setName] = useState(contact?.name ?? "");
  const [locale, setLocale] = useState(contact?.locale ?? "");
  const [customerId, setCustomerId] = useState(contact?.customerId ?? "");
  const [lists, setLists] = useState((contact?.lists ?? []).join(", "));

  const submit = (e: FormEvent) =>
    form.submit(e, async () => {
      if (!email.trim() && !phone.trim() && !customerId.trim()) {
        form.setFieldError("email", t("feedback.contacts.needOne"));
        return;
      }
      const body: ContactInput = {
        email: email.trim() || null,
        phone: phone.trim() || null,
        name: name.trim() || null,
        locale: (locale || null) as ContactInput["locale"],
        customerId: customerId.trim() || null,
        lists: lists.split(",").map((l) => l.trim()).filter(Boolean),
      };
      onSaved(contact ? await contacts.update(contact.id, body) : await contacts.create(body));
    });

  const title = contact ? t("feedback.contacts.editTitle", { name: contact.name ?? contact.email ?? contact.phone ?? contact.customerId ?? "" }) : t("feedback.contacts.add");
  return (
    <section className="card" aria-labelledby="fb-contact-form">
      <h2 id="fb-contact-form">{title}</h2>
      <form ref={form.ref} className="grid-form" onSubmit={(e) => void submit(e)} noValidate>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <TextField label={t("feedback.contacts.name")} value={name} onChange={(e) => setName(e.target.value)} error={form.errors.fields.name} autoComplete="off" />
        <TextField label={t("feedback.contacts.email")} type="email" dir="ltr" value={email} onChange={(e) => setEmail(e.target.value)} error={form.errors.fields.email} autoComplete="off" />
        <TextField
          label={t("feedback.contacts.phone")}
          hint={t("feedback.contacts.phoneHint")}
          type="tel"
          dir="ltr"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={form.errors.fields.phone}
          autoComplete="off"
        />
        <TextField label={t("feedback.contacts.customerId")} dir="ltr" value={customerId} onChange={(e) => setCustomerId(e.target.value)} error={form.errors.fields.customerId} />
        <SelectField label={t("feedback.contacts.locale")} value={locale} onChange={(e) => setLocale(e.target.value)} error={form.errors.fields.locale}>
          <option value="">{t("feedback.contacts.bankDefault")}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </SelectField>
        <TextField label={t("feedback.contacts.lists")} hint={t("feedback.contacts.listsHint")} value={lists} onChange={(e) => setLists(e.target.value)} error={form.errors.fields.lists} />
        <FormActions busy={form.busy} submit={t("common.save")} onCancel={onCancel} />
      </form>
    </section>
  );
}
