// A <select> with its visible label beside it, tied by id rather than by nesting: a label that
// wraps a select has the options' texts in its own text, so "Type" would read "TypeDirectoryUser"
// to tools that find controls by their label's text (Playwright's getByLabel).
import { useId } from 'react';
import type { ReactNode } from 'react';

export function SelectField({
  label,
  value,
  onChange,
  children,
}: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div className="select-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        {children}
      </select>
    </div>
  );
}
