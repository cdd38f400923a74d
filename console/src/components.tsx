// Small pieces every page uses: the error box, the status line, a confirm-then-act button, a list
// table's header, a JSON preview (and the metadata call preview every editor shows), tabs, and the
// labelled select and JSON fields.
import { useId } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

import { ApiError, describeError } from './api';
import type { MetadataCommand } from './api';
import { useAction } from './hooks';

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

// What the last action on the page did ("Metadata reloaded"), or nothing. The live region is
// always there and only its text changes: screen readers announce a change inside a region they
// already know, not a region that appears with its text.
export function StatusMessage({ text }: { text: string | null }) {
  return (
    <p className="status" role="status">
      {text}
    </p>
  );
}

// While something a page needs has not arrived: why it cannot (`error`), or that it is on its way.
export function Loading({ error, text = 'Loading…' }: { error?: unknown; text?: string }) {
  if (error !== null && error !== undefined) return <ErrorMessage error={error} />;
  return <p className="muted">{text}</p>;
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
  const { busy, error, run } = useAction();

  function onClick() {
    if (confirm !== undefined && !window.confirm(confirm)) return;
    void run(action);
  }

  return (
    <span className="action">
      <button
        type="button"
        className={className}
        aria-label={ariaLabel}
        disabled={busy}
        onClick={onClick}
      >
        {label}
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}

// The header row of a list table. With `actions`, a last column for the rows' buttons, named
// for screen readers only.
export function ListHead({ columns, actions = false }: { columns: string[]; actions?: boolean }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th scope="col" key={column}>
            {column}
          </th>
        ))}
        {actions ? (
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        ) : null}
      </tr>
    </thead>
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

// The exact call an editor's submit button sends, shown before it is sent.
export function MetadataCallPreview({ command }: { command: MetadataCommand }) {
  return (
    <>
      <h3>Metadata call</h3>
      <JsonBlock label="Metadata call preview" value={command} />
    </>
  );
}

// Tabs that are links (each tab has its own URL, so it can be reloaded and shared), over the
// panel of the selected one. `label` names the tab list for assistive technology.
export function Tabs<Id extends string>({
  label,
  tabs,
  selected,
  pathOf,
  children,
}: {
  label: string;
  tabs: readonly { id: Id; title: string }[];
  selected: string;
  pathOf: (id: Id) => string;
  children: ReactNode;
}) {
  const baseId = useId();
  const tabId = (id: string) => `${baseId}-tab-${id}`;
  const panelId = `${baseId}-panel`;
  const known = tabs.some((tab) => tab.id === selected);
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((tab) => (
          <Link
            key={tab.id}
            id={tabId(tab.id)}
            role="tab"
            aria-selected={tab.id === selected}
            aria-controls={panelId}
            to={pathOf(tab.id)}
          >
            {tab.title}
          </Link>
        ))}
      </div>
      <div id={panelId} role="tabpanel" aria-labelledby={known ? tabId(selected) : undefined}>
        {children}
      </div>
    </>
  );
}

// JSON the user types that must be an object (a row filter, a remote field): the value, or why the
// text is not one, worded after `what` ("Row filter is not valid JSON: …"). `value` is null then.
export function parseJsonObject(
  text: string,
  what: string,
): { value: object | null; problem: string | null } {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { value: null, problem: `${what} is not valid JSON: it must be an object, like {}.` };
    }
    return { value, problem: null };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { value: null, problem: `${what} is not valid JSON: ${reason}` };
  }
}

// A control under its visible label, tied to it by id rather than wrapped in it. A <label> that
// wraps a <select> or a <textarea> has the options' words (or the textarea's text) in its own
// text, so "Relationship type" would read "Relationship typeObjectArray" to tools that find a
// control by its label's text (Playwright's getByLabel). Every select and textarea of the console
// sits in one; `children` renders the control with the id it is given.
export function Field({
  label,
  children,
}: {
  label: ReactNode;
  children: (id: string) => ReactNode;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

// A <select> in a Field: its options are `children`.
export function SelectField({
  label,
  value,
  onChange,
  disabled,
  children,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select
          id={id}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        >
          {children}
        </select>
      )}
    </Field>
  );
}

// A textarea for such JSON under its label, with the problem (if any) shown below it.
export function JsonObjectField({
  label,
  text,
  onChange,
  placeholder,
  problem,
}: {
  label: string;
  text: string;
  onChange: (text: string) => void;
  placeholder: string;
  problem: string | null;
}) {
  return (
    <>
      <Field label={label}>
        {(id) => (
          <textarea
            id={id}
            value={text}
            onChange={(event) => onChange(event.target.value)}
            placeholder={placeholder}
            spellCheck={false}
          />
        )}
      </Field>
      {problem !== null ? <ErrorMessage error={new Error(problem)} /> : null}
    </>
  );
}
