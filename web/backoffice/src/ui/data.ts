import { type DependencyList, useCallback, useEffect, useRef, useState } from "react";
import type { Page } from "../api/types";

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
  /** Replace the loaded value after a write, without a round trip. */
  set(value: T): void;
}

/** Loads once per change of `deps`; ignores answers that arrive after a newer request. */
export function useResource<T>(load: () => Promise<T>, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on
  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    load()
      .then((value) => live && setData(value))
      .catch((err: unknown) => live && setError(err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((n) => n + 1), []), set: setData };
}

export interface Paged<T> {
  items: T[];
  error: unknown;
  loading: boolean;
  hasMore: boolean;
  loadMore(): void;
  reload(): void;
  replace(match: (item: T) => boolean, next: T): void;
}

/** Cursor paging with "Load more": pages are appended in server order. */
export function usePaged<T>(load: (cursor: string | null) => Promise<Page<T>>, deps: DependencyList): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const generation = useRef(0);

  const fetchPage = useCallback(
    (from: string | null, append: boolean) => {
      const gen = ++generation.current;
      setLoading(true);
      setError(null);
      load(from)
        .then((page) => {
          if (gen !== generation.current) return;
          setItems((prev) => (append ? [...prev, ...page.items] : page.items));
          setCursor(page.nextCursor);
        })
        .catch((err: unknown) => gen === generation.current && setError(err))
        .finally(() => gen === generation.current && setLoading(false));
    },
    // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what `load` depends on
    deps,
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: reload on new inputs or an explicit reload
  useEffect(() => fetchPage(null, false), [fetchPage, tick]);

  return {
    items,
    error,
    loading,
    hasMore: cursor !== null,
    loadMore: () => cursor && fetchPage(cursor, true),
    reload: () => setTick((n) => n + 1),
    replace: (match, next) => setItems((prev) => prev.map((it) => (match(it) ? next : it))),
  };
}
