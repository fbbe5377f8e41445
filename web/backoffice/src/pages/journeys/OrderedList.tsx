import { useTranslation } from "react-i18next";
import { TextField } from "../../ui/Field";

/** Move and remove buttons for one row; the row's name is spoken after each button's word. */
export function RowButtons({ label, onUp, onDown, onRemove }: { label: string; onUp?: (() => void) | undefined; onDown?: (() => void) | undefined; onRemove(): void }) {
  const { t } = useTranslation();
  const hidden = <span className="visually-hidden"> {label}</span>;
  return (
    <div className="jr-row__buttons">
      {onUp || onDown ? (
        <>
          <button type="button" className="button button--secondary button--small" disabled={!onUp} onClick={onUp}>
            <span aria-hidden="true">↑ </span>
            {t("journeys.definitions.moveUp")}
            {hidden}
          </button>
          <button type="button" className="button button--secondary button--small" disabled={!onDown} onClick={onDown}>
            <span aria-hidden="true">↓ </span>
            {t("journeys.definitions.moveDown")}
            {hidden}
          </button>
        </>
      ) : null}
      <button type="button" className="button button--secondary button--small" onClick={onRemove}>
        {t("journeys.definitions.remove")}
        {hidden}
      </button>
    </div>
  );
}

interface Props {
  legend: string;
  hint: string;
  itemLabel(n: number): string;
  addLabel: string;
  items: string[];
  error: string | undefined;
  itemError(i: number): string | undefined;
  onChange(next: string[]): void;
  /** A datalist id offering values. */
  list?: string;
}

/** An ordered list of names (stages, steps): each editable, movable up and down, removable. */
export function OrderedList({ legend, hint, itemLabel, addLabel, items, error, itemError, onChange, list }: Props) {
  const moved = (i: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(i, 1);
    if (item !== undefined) next.splice(i + by, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="jr-group-box">
      <legend>{legend}</legend>
      <p className="field__hint">{hint}</p>
      {error ? <p className="field__error">{error}</p> : null}
      <ol className="jr-ordered">
        {items.map((value, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are edited in place; their position is their identity
          <li key={i} className="jr-row">
            <TextField
              label={itemLabel(i + 1)}
              dir="ltr"
              list={list}
              value={value}
              error={itemError(i)}
              onChange={(e) => onChange(items.map((v, j) => (j === i ? e.target.value : v)))}
            />
            <RowButtons
              label={value || String(i + 1)}
              onUp={i > 0 ? () => moved(i, -1) : undefined}
              onDown={i < items.length - 1 ? () => moved(i, 1) : undefined}
              onRemove={() => onChange(items.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="button button--secondary button--small" onClick={() => onChange([...items, ""])}>
        {addLabel}
      </button>
    </fieldset>
  );
}
