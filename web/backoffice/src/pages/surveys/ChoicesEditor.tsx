import { useTranslation } from "react-i18next";
import type { Choice } from "../../api/types";
import { useDesigner } from "./context";
import { IdField } from "./controls";
import { LocalizedField } from "./LocalizedField";
import { freshId } from "./model";

interface Props {
  legend: string;
  items: Choice[];
  onChange(items: Choice[]): void;
  /** `questions[2].choices`, for problem links. */
  path: string;
  kind?: "choice" | "row" | "column";
  images?: boolean;
}

/** Ids, texts (per language) and order of choices, matrix rows or matrix columns. */
export function ChoicesEditor({ legend, items, onChange, path, kind = "choice", images }: Props) {
  const { t } = useTranslation();
  const { def } = useDesigner();
  const prefix = kind === "choice" ? "c" : kind === "row" ? "r" : "k";
  const set = (i: number, next: Choice) => onChange(items.map((c, j) => (j === i ? next : c)));
  const move = (i: number, delta: number) => {
    const next = [...items];
    const [c] = next.splice(i, 1);
    if (c) next.splice(i + delta, 0, c);
    onChange(next);
  };
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      <ol className="choices__list">
        {items.map((c, i) => (
          <li key={c.id} className="choices__item">
            <div className="choices__fields">
              <IdField label={t("surveys.choices.id")} path={`${path}[${i}].id`} value={c.id} onCommit={(id) => set(i, { ...c, id })} />
              <LocalizedField
                label={t("surveys.choices.text", { n: i + 1 })}
                value={c.text}
                path={`${path}[${i}].text`}
                required
                onChange={(text) => set(i, { ...c, text })}
              />
              {images ? (
                <div className="field">
                  <label htmlFor={`${path}-${i}-img`}>{t("surveys.choices.image")}</label>
                  <input
                    id={`${path}-${i}-img`}
                    type="url"
                    dir="ltr"
                    placeholder="https://"
                    data-path={`${path}[${i}].imageUrl`}
                    value={c.imageUrl ?? ""}
                    onChange={(e) => {
                      const { imageUrl: _, ...rest } = c;
                      set(i, e.target.value ? { ...rest, imageUrl: e.target.value } : rest);
                    }}
                  />
                </div>
              ) : null}
            </div>
            <div className="choices__actions">
              <button type="button" className="button button--small button--secondary" disabled={i === 0} onClick={() => move(i, -1)}>
                {t("surveys.moveUp")}
                <span className="visually-hidden"> {c.id}</span>
              </button>
              <button type="button" className="button button--small button--secondary" disabled={i === items.length - 1} onClick={() => move(i, 1)}>
                {t("surveys.moveDown")}
                <span className="visually-hidden"> {c.id}</span>
              </button>
              <button type="button" className="button button--small button--secondary" onClick={() => onChange(items.filter((_, j) => j !== i))}>
                {t("surveys.remove")}
                <span className="visually-hidden"> {c.id}</span>
              </button>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--small button--secondary"
        onClick={() =>
          onChange([...items, { id: freshId(prefix, items.map((c) => c.id)), text: { [def.defaultLanguage]: t(`surveys.defaults.${kind}`, { n: items.length + 1 }) } }])
        }
      >
        {t(`surveys.choices.add.${kind}`)}
      </button>
    </fieldset>
  );
}
