import { useTranslation } from "react-i18next";
import type { Kpis } from "../../api/types-kpis";
import { count } from "./format";
import { kpiView, TILE_IDS, type TileId } from "./kpi-values";

/** The definition of a KPI (kpis.md, translated), opened on demand so tiles stay short. */
export function KpiHelp({ id, name }: { id: TileId; name: string }) {
  const { t } = useTranslation();
  return (
    <details className="an-help">
      <summary>
        {t("analytics.definition")}
        <span className="visually-hidden"> — {name}</span>
      </summary>
      <p>{t(`analytics.kpis.${id}.definition`)}</p>
    </details>
  );
}

/** One tile per KPI: value, 95 % band, n, the figures that go with it, and its definition. */
export function KpiTiles({ kpis }: { kpis: Kpis }) {
  const { t } = useTranslation();
  return (
    <ul className="an-tiles">
      {TILE_IDS.map((id) => {
        const v = kpiView(t, id, kpis);
        const name = t(`analytics.kpis.${id}.name`);
        return (
          <li key={id} className="an-tile" aria-labelledby={`an-tile-${id}`} data-kpi={id}>
            <h3 id={`an-tile-${id}`} className="an-tile__name">
              {name}
            </h3>
            <p className="an-tile__value">{v.value}</p>
            {v.band ? <p className="an-tile__band">{t("analytics.band", { band: v.band })}</p> : null}
            <p className="an-tile__n">{t("analytics.n", { n: count(v.n) })}</p>
            {v.extra.map((line) => (
              <p key={line} className="an-tile__extra">
                {line}
              </p>
            ))}
            <KpiHelp id={id} name={name} />
          </li>
        );
      })}
    </ul>
  );
}
