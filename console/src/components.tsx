// Small pieces every page uses: the error box, a confirm-then-act button, a JSON preview.
import { useState } from 'react';
import type { ReactNode } from 'react';

import { ApiError, describeError } from './api';

// An error shown where the user acted, in words, with Hasura's code when the API gave one.
// Renders nothing for null/undefined.
export function ErrorMessage({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  const code = error instanceof ApiError ? error.code : null;
  const path = error instanceof ApiError && error.path && error.path !== '$' ? error.path : null;
  return (
    <div className="error" role="alert">
      <span>{describeError(error)}</span>
      {code !== null && code !== 'unexpected' ? <code className="error-code">{code}</code> : null}
      {path !== null ? <code className="error-path">at {path}</code> : null}
    </div>
  );
}

// A button that runs `action`, shows its error beside itself, and is disabled while it runs.
// With `confirm`, asks first (window.confirm) and does nothing when the user declines.
export function ActionButton({
  label,
  action,
  confirm,
  className,
  ariaLabel,
}: {
  label: ReactNode;
  action: () => Promise<unknown>;
  confirm?: string;
  className?: string;
  ariaLabel?: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run() {
    if (confirm !== undefined && !window.confirm(confirm)) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="action">
      <button type="button" className={className} aria-label={ariaLabel} disabled={busy} onClick={run}>
        {label}
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}

// JSON shown as the API will receive it (a request preview, a definition).
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" aria-label={label}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}
