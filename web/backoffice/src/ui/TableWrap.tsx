import type { ReactNode } from "react";

/**
 * A table that scrolls sideways on a phone instead of widening the page. Named, and focusable so
 * keyboard users can scroll it too (axe: scrollable-region-focusable). With `table-wrap--stack`
 * each row becomes a card on a narrow screen instead (see styles.css) and nothing scrolls.
 */
export function TableWrap({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to be scrolled by keyboard
    <section className={`table-wrap${className ? ` ${className}` : ""}`} aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/**
 * The column's name inside a cell, shown only when a stacked table has lost its header row.
 * Hidden on wide screens, where the header row says it.
 */
export function CellLabel({ children }: { children: ReactNode }) {
  return <span className="cell-label">{children}</span>;
}

/** The person column of a stacked table: name above email; heads the card on a narrow screen. */
export function PersonCell({ name, email }: { name: string; email: string }) {
  return (
    <td className="cell--head">
      <span className="strong">{name}</span>
      <br />
      <span className="muted" dir="ltr">
        {email}
      </span>
    </td>
  );
}

/** A cell of a stacked table: its column's name (on a narrow screen only), then its value. */
export function LabelledCell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <td>
      <CellLabel>{label}</CellLabel>
      <span>{children}</span>
    </td>
  );
}
