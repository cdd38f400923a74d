// Sign-in. When the engine has an admin secret, every console call needs it: the user types it
// once; it stays in this page's memory (api.ts) and, only if "Remember on this device" is ticked,
// in localStorage. It is never put in a URL (the form is handled here, not submitted), a log or
// the DOM (its input is uncontrolled: React never writes the value back as an attribute).
// Whether the engine wants a secret is found out by asking: an admin-only call without one.
import { createContext, useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';

import { ApiError, metadataCall, setAdminSecret } from './api';
import { ErrorMessage } from './components';
import { useAction } from './hooks';

const REMEMBERED_KEY = 'junction.adminSecret';

// 'unreachable': the first call got no answer from the engine (it is down or stalled, a proxy
// answered, the engine failed): there is nothing to sign in to yet, only to try again.
type Phase = 'checking' | 'signed-in' | 'sign-in' | 'unreachable';

interface AuthState {
  // True when the engine needs an admin secret (and so signing out makes sense).
  usesSecret: boolean;
  signOut: () => void;
}

const AuthContext = createContext<AuthState>({ usesSecret: false, signOut: () => {} });

export function useAuth(): AuthState {
  return useContext(AuthContext);
}

function readRemembered(): string | null {
  try {
    return window.localStorage.getItem(REMEMBERED_KEY);
  } catch {
    return null; // storage disabled: nothing was remembered
  }
}

function writeRemembered(secret: string | null): void {
  try {
    if (secret === null) window.localStorage.removeItem(REMEMBERED_KEY);
    else window.localStorage.setItem(REMEMBERED_KEY, secret);
  } catch {
    // Storage disabled: the secret stays in memory only, as if "remember" were not ticked.
  }
}

// How long the probe waits for the engine: a stalled engine (or proxy) must end in "Cannot reach
// the engine", not in "Connecting to the engine…" for ever.
const PROBE_TIMEOUT_MS = 10_000;

// Resolves when the engine accepts the current credentials as admin; throws its refusal.
async function probe(): Promise<void> {
  await metadataCall('get_inconsistent_metadata', {}, { timeoutMs: PROBE_TIMEOUT_MS });
}

// Whether the probe's failure is the engine asking for credentials. Any client error the engine
// itself answers is: an engine with only an admin secret answers access-denied, one with JWT or an
// auth webhook as well refuses a request without a token first (invalid-headers, invalid-jwt), and
// the admin secret is the console's way in to either. No answer, a server error or an answer that
// is not the engine's (not JSON) is not.
function wantsCredentials(error: unknown): boolean {
  return error instanceof ApiError && error.clientErrorFromEngine;
}

export function AuthGate({ children }: { children: ReactNode }) {
  const [phase, setPhase] = useState<Phase>('checking');
  const [usesSecret, setUsesSecret] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setPhase('checking');
    const remembered = readRemembered();
    setAdminSecret(remembered);
    probe()
      .then(() => {
        if (cancelled) return;
        setUsesSecret(remembered !== null);
        setPhase('signed-in');
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setAdminSecret(null);
        if (wantsCredentials(error)) {
          if (remembered !== null) {
            writeRemembered(null);
            setStartError(new Error('The remembered admin secret was refused; sign in again.'));
          }
          setUsesSecret(true);
          setPhase('sign-in');
        } else {
          setStartError(error);
          setPhase('unreachable');
        }
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const signOut = useCallback(() => {
    setAdminSecret(null);
    writeRemembered(null);
    setStartError(null);
    setPhase('sign-in');
  }, []);

  if (phase === 'checking') return <p className="page-note">Connecting to the engine…</p>;
  if (phase === 'unreachable') {
    return (
      <main className="sign-in">
        <div className="card">
          <h1>Cannot reach the engine</h1>
          <ErrorMessage error={startError} />
          <button type="button" className="primary" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (phase === 'sign-in') {
    return (
      <SignIn
        initialError={startError}
        onSignedIn={() => {
          setUsesSecret(true);
          setPhase('signed-in');
        }}
      />
    );
  }
  return <AuthContext.Provider value={{ usesSecret, signOut }}>{children}</AuthContext.Provider>;
}

// The probe's failure after the user typed a secret, in the words the form shows.
function refusal(failure: unknown): unknown {
  if (!wantsCredentials(failure)) return failure;
  const error = failure as ApiError;
  return new Error(
    error.accessDenied
      ? 'The engine refused this admin secret.'
      : `The engine refused this admin secret: ${error.message}`,
  );
}

function SignIn({ initialError, onSignedIn }: { initialError: unknown; onSignedIn: () => void }) {
  // The secret is read from the input at submit only; what the button needs is whether it is empty.
  const secretInput = useRef<HTMLInputElement>(null);
  const [hasSecret, setHasSecret] = useState(false);
  const [remember, setRemember] = useState(false);
  const { busy, error, run } = useAction(initialError);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const secret = secretInput.current?.value ?? '';
    if (secret === '') return;
    const accepted = await run(async () => {
      setAdminSecret(secret);
      try {
        await probe();
      } catch (failure) {
        setAdminSecret(null);
        throw refusal(failure);
      }
    });
    if (accepted) {
      writeRemembered(remember ? secret : null);
      onSignedIn();
    }
  }

  return (
    <main className="sign-in">
      <form className="card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in</h1>
        <p>This engine needs its admin secret.</p>
        <label>
          Admin secret
          <input
            ref={secretInput}
            type="password"
            autoComplete="current-password"
            onInput={(event) => setHasSecret(event.currentTarget.value !== '')}
            required
            autoFocus
          />
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={remember}
            onChange={(event) => setRemember(event.target.checked)}
          />
          Remember on this device
        </label>
        <ErrorMessage error={error} />
        <button type="submit" className="primary" disabled={busy || !hasSecret}>
          Sign in
        </button>
      </form>
    </main>
  );
}
