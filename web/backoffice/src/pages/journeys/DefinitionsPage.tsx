import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { journeyDefinitions } from "../../api/journeys";
import type { JourneyDefinitions } from "../../api/types-journeys";
import { Link, navigate, useLocation } from "../../router";
import { useCan } from "../../session";
import { ErrorMessage, StatusMessage } from "../../ui/Alert";
import { useResource } from "../../ui/data";
import { TextField } from "../../ui/Field";
import { formatDateTime, formatNumber } from "../../ui/format";
import { useForm } from "../../ui/form";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { LabelledCell, TableWrap } from "../../ui/TableWrap";
import { DefinitionEditor } from "./DefinitionEditor";
import { JourneyLinks } from "./JourneysPage";
import { Code, productName } from "./shared";
import "./journeys.css";

const PRODUCT = /^[a-z0-9_-]{1,60}$|^\*$/;

/** The definition a product follows today: its own, else the bank's "*", else the built-in default. */
function effective(all: JourneyDefinitions, product: string) {
  const own = all.items.find((i) => i.product === product);
  const fallback = all.effectiveDefault.definition;
  return { own: Boolean(own), definition: { ...(own?.definition ?? fallback), product } };
}

/** Opens the editor for a product not listed yet. */
function NewProduct({ onOpen }: { onOpen(product: string): void }) {
  const { t } = useTranslation();
  const [product, setProduct] = useState("");
  const form = useForm(["product"]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = product.trim();
    if (!PRODUCT.test(p)) form.setFieldError("product", t("journeys.definitions.productFormat"));
    else onOpen(p);
  };
  return (
    <form ref={form.ref} className="inline-form jr-new" onSubmit={submit} noValidate>
      <TextField
        label={t("journeys.definitions.newProduct")}
        hint={t("journeys.definitions.newProductHint")}
        dir="ltr"
        value={product}
        error={form.errors.fields.product}
        onChange={(e) => setProduct(e.target.value)}
      />
      <div className="actions">
        <button type="submit" className="button button--secondary">
          {t("journeys.definitions.open")}
        </button>
      </div>
    </form>
  );
}

/** /journey-definitions[?product=…]: each product's milestones and touchpoints; journeys:manage edits them. */
export function DefinitionsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can("journeys:manage");
  const { query } = useLocation();
  const open = query.get("product");
  const all = useResource(() => journeyDefinitions.all(), []);
  const [notice, setNotice] = useState<string | null>(null);
  const action = useForm();
  const show = (product: string | null) => {
    setNotice(null);
    navigate(product ? `/journey-definitions?product=${encodeURIComponent(product)}` : "/journey-definitions", { replace: true });
  };

  const rebuild = () => {
    if (!window.confirm(t("journeys.definitions.rebuildConfirm"))) return;
    void action.submit(null, async () => {
      const { jobId } = await journeyDefinitions.rebuild();
      setNotice(t("journeys.definitions.rebuildQueued", { jobId }));
    });
  };

  const rows = all.data ? [...all.data.items] : [];
  const hasStar = rows.some((r) => r.product === "*");
  const editing = all.data && open ? effective(all.data, open) : null;

  return (
    <>
      <PageHead
        title={t("journeys.definitions.title")}
        intro={t("journeys.definitions.intro")}
        actions={
          manage ? (
            <button type="button" className="button button--secondary" disabled={action.busy} onClick={rebuild}>
              {t("journeys.definitions.rebuild")}
            </button>
          ) : null
        }
      />
      <JourneyLinks />
      <StatusMessage>
        {notice ? (
          <>
            {notice}
            {can("jobs:read") ? (
              <>
                {" "}
                <Link to="/jobs">{t("journeys.definitions.seeJobs")}</Link>
              </>
            ) : null}
          </>
        ) : null}
      </StatusMessage>
      <ErrorMessage>{action.errors.message}</ErrorMessage>
      {all.error ? <LoadError error={all.error} retry={all.reload} /> : null}
      {all.loading && !all.data ? <Loading /> : null}
      {all.data ? (
        <>
          <TableWrap label={t("journeys.definitions.title")} className="table-wrap--stack">
            <table className="jr-table">
              <thead>
                <tr>
                  <th scope="col">{t("journeys.filters.product")}</th>
                  <th scope="col">{t("journeys.definitions.name")}</th>
                  <th scope="col">{t("journeys.definitions.version")}</th>
                  <th scope="col">{t("journeys.definitions.updated")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {hasStar ? null : (
                  <tr>
                    <td className="cell--head">
                      <span className="strong">{productName(t, "*")}</span>
                    </td>
                    <LabelledCell label={t("journeys.definitions.name")}>{all.data.effectiveDefault.definition.name}</LabelledCell>
                    <LabelledCell label={t("journeys.definitions.version")}>{t("journeys.definitions.builtIn")}</LabelledCell>
                    <LabelledCell label={t("journeys.definitions.updated")}>—</LabelledCell>
                    <td className="cell--actions">
                      <button type="button" className="button button--small button--secondary" onClick={() => show("*")}>
                        {t(manage ? "common.edit" : "journeys.definitions.view")}
                        <span className="visually-hidden"> {productName(t, "*")}</span>
                      </button>
                    </td>
                  </tr>
                )}
                {rows.map((r) => (
                  <tr key={r.product}>
                    <td className="cell--head">{r.product === "*" ? <span className="strong">{productName(t, "*")}</span> : <Code>{r.product}</Code>}</td>
                    <LabelledCell label={t("journeys.definitions.name")}>{r.definition.name}</LabelledCell>
                    <LabelledCell label={t("journeys.definitions.version")}>{formatNumber(r.version)}</LabelledCell>
                    <LabelledCell label={t("journeys.definitions.updated")}>{formatDateTime(r.updatedAt)}</LabelledCell>
                    <td className="cell--actions">
                      <button type="button" className="button button--small button--secondary" onClick={() => show(r.product)}>
                        {t(manage ? "common.edit" : "journeys.definitions.view")}
                        <span className="visually-hidden"> {productName(t, r.product)}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {manage ? <NewProduct onOpen={show} /> : null}
          {editing && open ? (
            <DefinitionEditor
              key={`${open}|${all.data.items.find((i) => i.product === open)?.version ?? 0}`}
              product={open}
              initial={editing.definition}
              own={editing.own}
              readOnly={!manage}
              onSaved={(item) => {
                all.reload();
                setNotice(t("journeys.definitions.saved", { product: productName(t, item.product), version: item.version }));
              }}
              onReverted={() => {
                all.reload();
                setNotice(t("journeys.definitions.reverted", { product: productName(t, open) }));
              }}
              onClose={() => show(null)}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
