import { useCallback, useEffect, useState } from 'react';

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with a resolver's fresh answer (e.g. after a save). */
  set: (data: T) => void;
}

/** Loads one section's data when it is first shown; each section loads and fails on its own. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const reload = useCallback(() => {
    setLoading(true);
    setError(undefined);
    load().then(
      (value) => {
        setData(value);
        setLoading(false);
      },
      (reason: unknown) => {
        setError(reason);
        setLoading(false);
      },
    );
  }, [load]);
  useEffect(reload, [reload]);
  return { data, error, loading, reload, set: setData };
}
