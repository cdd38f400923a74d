// The two shapes every page's calls take: a read whose answer the page shows (useLoaded) and an
// action the user starts, with its busy flag and its error (useAction).
import { useCallback, useEffect, useRef, useState } from 'react';

// An answer that arrives later: the value, the call's error, and whether a call is under way.
export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

// Calls `load` for `key` (null: nothing to load), again whenever `key` or `version` changes.
// `key` names what is read, and everything `load` depends on: an answer for another key is never
// shown, not even while the new one is on its way, so a page never shows one table's columns under
// another's name. `version` only asks for the same thing again (after the metadata changed): the
// answer in hand stays shown until the new one arrives. An answer that arrives after a later call
// started, or after the component is gone, is dropped.
export function useLoaded<T>(
  key: string | null,
  load: () => Promise<T>,
  version: unknown = null,
): Loaded<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; error: unknown }>({
    key: null,
    data: null,
    error: null,
  });
  const [loading, setLoading] = useState(key !== null);

  useEffect(() => {
    if (key === null) {
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    load()
      .then(
        (data) => {
          if (current) setState({ key, data, error: null });
        },
        (error: unknown) => {
          if (current) setState({ key, data: null, error });
        },
      )
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
    // `load` is a fresh closure each render; `key` names everything it depends on.
  }, [key, version]);

  const mine = key !== null && state.key === key;
  return {
    data: mine ? state.data : null,
    error: mine ? state.error : null,
    loading: key !== null && (loading || !mine),
  };
}

// One thing the user does (a form's submit, a button's call): `busy` while it runs, so its control
// can be disabled, and `error`, what it threw, for an <ErrorMessage> beside that control.
export interface Action {
  busy: boolean;
  error: unknown;
  // Runs `action` unless one is already running (a double click, Enter pressed twice): resolves
  // to true when it succeeded, false when it threw (kept in `error`) or did not run. Never rejects.
  run: (action: () => Promise<unknown>) => Promise<boolean>;
  // Shows a problem found before anything was sent (a missing field); null clears it.
  setError: (error: unknown) => void;
}

export function useAction(initialError: unknown = null): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(initialError);
  // The state above is one render late; this ref is not, so a second click cannot slip through.
  const running = useRef(false);

  const run = useCallback(async (action: () => Promise<unknown>) => {
    if (running.current) return false;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  return { busy, error, run, setError };
}
