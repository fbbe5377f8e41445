import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { journeyDefinitions, journeyMaps, journeyQuery } from "../../api/journeys";
import { Link, useLocation } from "../../router";
import { useResource } from "../../ui/data";
import { TextField } from "../../ui/Field";
import { LoadError, Loading, PageHead } from "../../ui/Page";
import { applyJourneyFilters, readJourneyFilters } from "./filters";
import { JourneyFilterForm } from "./JourneyFilterForm";
import { JourneyLinks } from "./JourneysPage";
import { MapStages, StepTable } from "./MapParts";
import { formatDay, productName } from "./shared";
import "./journeys.css";

/** The product picker: the products the bank has definitions for, or any product code. */
function ProductPicker({ value, onPick }: { value: string; onPick(product: string): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const defs = useResource(() => journeyDefinitions.all(), []);
  const known = (defs.data?.items ?? []).map((d) => d.product).filter((p) => p !== "*");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.trim()) onPick(draft.trim());
  };
  return (
    <form className="card jr-product" onSubmit={submit}>
      <TextField
        label={t("journeys.map.product")}
        hint={t("journeys.map.productHint")}
        list="jr-products"
        dir="auto"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <datalist id="jr-products">
        {known.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <div className="actions">
        <button type="submit" className="button">
          {t("journeys.map.show")}
        </button>
      </div>
    </form>
  );
}

/** /journey-maps?product=…: stages and touchpoints of a product's journey with volume, drop-off, time and feedback. */
export function JourneyMapPage() {
  const { t } = useTranslation();
  const { query } = useLocation();
  const product = query.get("product")?.trim() ?? "";
  const filters = readJourneyFilters(query);
  delete filters.product;
  delete filters.status;
  const key = new URLSearchParams(journeyQuery(filters)).toString();
  const map = useResource(() => (product ? journeyMaps.get(product, filters) : Promise.resolve(null)), [product, key]);
  const apply = (p: string, f = filters) => applyJourneyFilters("/journey-maps", f, { product: p });

  return (
    <>
      <PageHead
        title={product ? t("journeys.map.titleFor", { product: productName(t, product) }) : t("journeys.map.title")}
        intro={t("journeys.map.intro")}
      />
      <JourneyLinks />
      <ProductPicker key={product} value={product} onPick={(p) => apply(p)} />
      {product ? <JourneyFilterForm key={`${product}|${key}`} value={filters} without={["status", "product"]} onApply={(f) => apply(product, f)} /> : null}
      {!product ? <p className="muted">{t("journeys.map.choose")}</p> : null}
      {map.error ? <LoadError error={map.error} retry={map.reload} /> : null}
      {map.loading && product ? <Loading /> : null}
      {map.data ? (
        <>
          <p className="jr-map__definition">
            {t("journeys.map.range", { from: formatDay(map.data.from), to: formatDay(map.data.to) })}{" "}
            {t("journeys.map.definition", { name: map.data.definition.name })}{" "}
            <Link to={`/journey-definitions?product=${encodeURIComponent(map.data.product)}`}>{t("journeys.map.editDefinition")}</Link>
          </p>
          <p className="muted jr-map__legend">{t("journeys.map.legend")}</p>
          <MapStages map={map.data} />
          <section aria-labelledby="jm-steps" className="section">
            <h2 id="jm-steps">{t("journeys.map.steps")}</h2>
            <StepTable steps={map.data.steps} />
          </section>
        </>
      ) : null}
    </>
  );
}
