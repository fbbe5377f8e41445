import type { ReactNode } from "react";
import type { Paged } from "./data";
import { LoadError, LoadMore } from "./Page";
import { TableWrap } from "./TableWrap";

interface Props<T> {
  list: Paged<T>;
  /** Names the table's region; also what screen readers hear for it. */
  label: string;
  className?: string;
  /** Column headings in order; a falsy one (a column the caller may not see) is left out. */
  columns: readonly (string | false | null | undefined)[];
  /** Said when the list loaded and holds nothing. */
  empty: string;
  /** One `<tr>` (with its key) per item. */
  row(item: T): ReactNode;
}

/** A cursor-paged list as a table: load error with retry, the rows, "none" when empty, "Load more". */
export function PagedTable<T>({ list, label, className, columns, empty, row }: Props<T>) {
  return (
    <>
      {list.error ? <LoadError error={list.error} retry={list.reload} /> : null}
      <TableWrap label={label} className={className}>
        <table>
          <thead>
            <tr>
              {columns.map((c, i) =>
                c ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: headings are fixed per page and never reorder
                  <th key={i} scope="col">
                    {c}
                  </th>
                ) : null,
              )}
            </tr>
          </thead>
          <tbody>{list.items.map(row)}</tbody>
        </table>
        {!list.loading && list.items.length === 0 ? <p className="empty">{empty}</p> : null}
      </TableWrap>
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}

