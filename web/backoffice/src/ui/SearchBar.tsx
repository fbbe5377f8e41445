import { type ReactNode, useState } from "react";

/**
 * A list's search box: the typed text applies on submit (Enter or the button), so a list is not
 * reloaded on every keystroke. Extra controls (a status filter) sit between the box and the button.
 */
export function SearchBar({ id, label, placeholder, onSearch, children }: { id: string; label: string; placeholder: string; onSearch(text: string): void; children?: ReactNode }) {
  const [q, setQ] = useState("");
  return (
    <search>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          onSearch(q.trim());
        }}
      >
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input id={id} type="search" value={q} placeholder={placeholder} onChange={(e) => setQ(e.target.value)} />
        {children}
        <button type="submit" className="button button--secondary">
          {label}
        </button>
      </form>
    </search>
  );
}
