// Sign-in. When the engine has an admin secret, every console call needs it: the user types it
// once; it stays in this page's memory (api.ts) and, only if "Remember on this device" is ticked,
// in localStorage. It is never put in a URL (the form is handled here, not submitted) or a log.
// Whether the engine wants a secret is found out by asking: an admin-only call without one.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';

import { ApiError, metadataCall, setAdminSecret } from './api';
import { ErrorMessage } from './components';
import { useAction } from './hooks';

const REMEMBERED_KEY = 'junction.adminSecret';

// 'unreachable': the first call failed for another reason than the credentials (the engine is
// down, a proxy answered): there is nothing to sign in to yet, only to try again.
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

// Resolves when the engine accepts the current credentials as admin; throws its refusal.
async function probe(): Promise<void> {
  await metadataCall('get_inconsistent_metadata');
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
        if (error instanceof ApiError && error.accessDenied) {
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

function SignIn({ initialError, onSignedIn }: { initialError: unknown; onSignedIn: () => void }) {
  const [secret, setSecret] = useState('');
  const [remember, setRemember] = useState(false);
  const { busy, error, run } = useAction(initialError);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const accepted = await run(async () => {
      setAdminSecret(secret);
      try {
        await probe();
      } catch (failure) {
        setAdminSecret(null);
        throw failure instanceof ApiError && failure.accessDenied
          ? new Error('The engine refused this admin secret.')
          : failure;
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
            type="password"
            autoComplete="current-password"
            value={secret}
            onChange={(event) => setSecret(event.target.value)}
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
        <button type="submit" className="primary" disabled={busy || secret === ''}>
          Sign in
        </button>
      </form>
    </main>
  );
}
