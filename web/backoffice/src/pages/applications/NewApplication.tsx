import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { applications } from "../../api/applications";
import { type ApplicationCreated, type ApplicationProduct, type ApplicationProductInfo, type Branch, LOCALES } from "../../api/types";
import { currentLocale } from "../../i18n";
import { Link } from "../../router";
import { useMe } from "../../session";
import { SelectField, TextField } from "../../ui/Field";
import { FormActions } from "../../ui/FormActions";
import { ErrorMessage } from "../../ui/Alert";
import { useForm } from "../../ui/form";
import { CopyLink, SendLinkButtons } from "./LinkActions";
import { localText } from "./shared";

const CHANNELS = ["branch", "call_centre", "email", "sms", "app", "web"] as const;
const FIELDS = ["product", "name", "phone", "email", "language", "branchId", "channel", "customer.name", "customer.phone", "customer.email"] as const;

interface Props {
  products: ApplicationProductInfo[];
  branches: (Branch & { region: string })[];
  onClose(): void;
  onCreated(created: ApplicationCreated): void;
}

/** The agent starts an application for a customer, then sends or copies the customer's link. */
export function NewApplication({ products, branches, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const form = useForm(FIELDS);
  const startable = products.filter((p) => p.active && p.publishedVersion !== null);
  const [product, setProduct] = useState<string>(startable[0]?.id ?? "");
  const [name, setName] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [language, setLanguage] = useState<string>(currentLocale());
  const [branchId, setBranchId] = useState(me.branchId ?? "");
  const [channel, setChannel] = useState<string>("branch");
  const [created, setCreated] = useState<(ApplicationCreated & { phone: string; email: string }) | null>(null);

  const save = (e: FormEvent) => {
    if (name.trim() && !phone.trim() && !email.trim()) {
      e.preventDefault();
      form.setFieldError("phone", t("applications.new.contactNeeded"));
      return;
    }
    return form.submit(
      e,
      async () => {
        const result = await applications.create({
          product: product as ApplicationProduct,
          customer: { name: name.trim(), language, ...(phone.trim() ? { phone: phone.trim() } : {}), ...(email.trim() ? { email: email.trim() } : {}) },
          channel,
          ...(branchId ? { branchId } : {}),
        });
        setCreated({ ...result, phone: phone.trim(), email: email.trim() });
        onCreated(result);
      },
      { product, name },
    );
  };

  if (created) {
    return (
      <section className="card ap-created" aria-labelledby="ap-created-title">
        <h2 id="ap-created-title">{t("applications.new.created", { reference: created.reference })}</h2>
        <p>
          {t("applications.reference")}:{" "}
          <strong dir="ltr" data-testid="application-reference">
            {created.reference}
          </strong>
        </p>
        <CopyLink link={created.link} />
        <SendLinkButtons id={created.id} hasPhone={created.phone !== ""} hasEmail={created.email !== ""} />
        <div className="actions">
          <Link to={`/applications/view?id=${encodeURIComponent(created.id)}`} className="button">
            {t("applications.new.openCase")}
          </Link>
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t("applications.new.done")}
          </button>
        </div>
      </section>
    );
  }

  const err = form.errors.fields;
  return (
    <section className="card" aria-labelledby="ap-new-title">
      <h2 id="ap-new-title">{t("applications.new.title")}</h2>
      <form ref={form.ref} className="grid-form" onSubmit={(e) => void save(e)} noValidate>
        <ErrorMessage>{form.errors.message}</ErrorMessage>
        <SelectField label={t("applications.product")} value={product} onChange={(e) => setProduct(e.target.value)} error={err.product} required>
          {startable.length === 0 ? <option value="">{t("applications.new.noProducts")}</option> : null}
          {startable.map((p) => (
            <option key={p.id} value={p.id}>
              {localText(p.title) || t(`applications.products.${p.id}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t("applications.customerName")} value={name} onChange={(e) => setName(e.target.value)} error={err.name ?? err["customer.name"]} autoComplete="off" required />
        <TextField
          label={t("applications.phone")}
          type="tel"
          dir="ltr"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={err.phone ?? err["customer.phone"]}
          hint={t("applications.new.contactHint")}
          autoComplete="off"
        />
        <TextField label={t("applications.email")} type="email" dir="ltr" value={email} onChange={(e) => setEmail(e.target.value)} error={err.email ?? err["customer.email"]} autoComplete="off" />
        <SelectField label={t("applications.language")} value={language} onChange={(e) => setLanguage(e.target.value)} error={err.language}>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`applications.languages.${l}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("applications.branch")} value={branchId} onChange={(e) => setBranchId(e.target.value)} error={err.branchId}>
          {me.branchId ? null : <option value="">{t("applications.new.noBranch")}</option>}
          {branches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name} ({b.region})
            </option>
          ))}
        </SelectField>
        <SelectField label={t("applications.channel")} value={channel} onChange={(e) => setChannel(e.target.value)} error={err.channel}>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {t(`applications.channels.${c}`)}
            </option>
          ))}
        </SelectField>
        <FormActions busy={form.busy} submit={t("applications.new.submit")} busyLabel={t("common.working")} onCancel={onClose} />
      </form>
    </section>
  );
}
