import { useCallback, useEffect, useRef, useState } from 'react';

/** A resolver's answer one page at a time: `cursor` is there while older entries remain. */
export interface CursorPage<E> {
  entries: E[];
  cursor?: string;
}

export interface CursorPages<P> {
  /** The latest page's answer with the entries of every page loaded so far, oldest page last. */
  view?: P;
  loading: boolean;
  error?: unknown;
  /** Loads the next page onto the entries; undefined when there is none. */
  more?: () => void;
}

/**
 * Loads the first page for `query`, and again from the first page whenever `query` changes (compared by
 * identity); `more` appends the next page. Keep `query` in state so that a render does not count as a change.
 */
export function useCursorPages<Q, P extends CursorPage<unknown>>(
  fetchPage: (query: Q, cursor?: string) => Promise<P>,
  query: Q,
): CursorPages<P> {
  const [view, setView] = useState<P>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const fetchLatest = useRef(fetchPage);
  fetchLatest.current = fetchPage;

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await fetchLatest.current(query, cursor);
        setView((previous) => ({
          ...page,
          entries: [...(cursor ? (previous?.entries ?? []) : []), ...page.entries],
        }));
      } catch (e) {
        setError(e);
      } finally {
        setLoading(false);
      }
    },
    [query],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const cursor = view?.cursor;
  return { view, loading, error, more: cursor ? () => void load(cursor) : undefined };
}
