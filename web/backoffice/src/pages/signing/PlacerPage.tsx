import { type KeyboardEvent, type PointerEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldKind, PlacedField } from "../../api/types";
import { boxAtClick, boxToScreen, moveBy, nudge, type PdfBox, resizeBy, viewportSize } from "./fields";
import type { OpenPdf, PdfPageInfo } from "./pdf";

interface Drag {
  id: string;
  mode: "move" | "resize";
  startX: number;
  startY: number;
  box: PdfBox;
  moved: boolean;
}

/**
 * One page of the template with its fields over it. A click on the page places the chosen field;
 * a field is a button: drag it to move, drag its corner to resize, arrow keys to nudge, Delete to remove.
 */
export function PlacerPage({
  pdf,
  n,
  info,
  kind,
  scale,
  fields,
  selected,
  invalid,
  label,
  fieldLabel,
  onPlace,
  onSelect,
  onChange,
  onRemove,
}: {
  pdf: OpenPdf;
  n: number;
  info: PdfPageInfo;
  /** The kind a click places. */
  kind: FieldKind;
  scale: number;
  fields: PlacedField[];
  selected: string | null;
  invalid: Set<string>;
  label: string;
  fieldLabel(f: PlacedField): string;
  onPlace(box: PdfBox): void;
  onSelect(id: string | null): void;
  onChange(id: string, box: PdfBox): void;
  onRemove(id: string): void;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<(Drag & { live: PdfBox }) | null>(null);
  const page = { width: info.width, height: info.height };
  const size = viewportSize(page, info.rotation, scale);

  useEffect(() => {
    if (canvas.current) void pdf.draw(n, canvas.current, scale).catch(() => undefined);
  }, [pdf, n, scale]);

  const start = (e: PointerEvent<HTMLElement>, f: PlacedField, mode: Drag["mode"]) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.currentTarget.setPointerCapture(e.pointerId);
    onSelect(f.id);
    const box = { x: f.x, y: f.y, width: f.width, height: f.height };
    setDrag({ id: f.id, mode, startX: e.clientX, startY: e.clientY, box, live: box, moved: false });
  };
  const move = (e: PointerEvent<HTMLElement>) => {
    if (!drag) return;
    const dx = e.clientX - drag.startX;
    const dy = e.clientY - drag.startY;
    const live = drag.mode === "move" ? moveBy(drag.box, dx, dy, page, info.rotation, scale) : resizeBy(drag.box, dx, dy, page, info.rotation, scale);
    setDrag({ ...drag, live, moved: drag.moved || Math.abs(dx) + Math.abs(dy) > 2 });
  };
  const end = () => {
    if (drag?.moved) onChange(drag.id, drag.live);
    setDrag(null);
  };
  const key = (e: KeyboardEvent<HTMLButtonElement>, f: PlacedField) => {
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      onRemove(f.id);
      return;
    }
    const next = nudge(f, e.key, e.shiftKey, page, info.rotation);
    if (next) {
      e.preventDefault();
      onChange(f.id, next);
    }
  };
  const place = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0 || (e.target !== e.currentTarget && e.target !== canvas.current)) return;
    const r = e.currentTarget.getBoundingClientRect();
    onPlace(boxAtClick(kind, { x: e.clientX - r.left, y: e.clientY - r.top }, page, info.rotation, scale));
  };

  return (
    <div className="sg-page-wrap">
      <p className="sg-page__label" id={`sg-page-${n}`}>
        {label}
      </p>
      <div className="sg-page" data-page={n} style={{ inlineSize: size.width, blockSize: size.height }} onPointerDown={place}>
        <canvas ref={canvas} aria-labelledby={`sg-page-${n}`} role="img" />
        {fields.map((f) => {
          const box = drag?.id === f.id ? drag.live : f;
          const r = boxToScreen(box, page, info.rotation, scale);
          const name = fieldLabel(f);
          return (
            <div key={f.id}>
              <button
                type="button"
                className={`sg-field sg-field--${f.role}${selected === f.id ? " sg-field--selected" : ""}${invalid.has(f.id) ? " sg-field--invalid" : ""}`}
                style={{ left: r.left, top: r.top, width: r.width, height: r.height }}
                data-field={f.id}
                aria-pressed={selected === f.id}
                aria-label={name}
                onPointerDown={(e) => start(e, f, "move")}
                onPointerMove={move}
                onPointerUp={end}
                onPointerCancel={() => setDrag(null)}
                onKeyDown={(e) => key(e, f)}
                onFocus={() => onSelect(f.id)}
              >
                {t(`signing.kinds.${f.kind}`)}
              </button>
              {selected === f.id ? (
                <span
                  className="sg-handle"
                  aria-hidden="true"
                  title={t("signing.editor.resize", { field: name })}
                  style={{ left: r.left + r.width - 7, top: r.top + r.height - 7 }}
                  onPointerDown={(e) => start(e, f, "resize")}
                  onPointerMove={move}
                  onPointerUp={end}
                  onPointerCancel={() => setDrag(null)}
                />
              ) : null}
            </div>
          );
        })}
      </div>
    </div>
  );
}
