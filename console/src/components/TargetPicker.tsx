// A filterable list to pick one target from many (a table of any source, a remote schema, …): a
// text input narrows the options, a click or the keyboard (arrow keys, Home/End, Enter) picks one,
// and the pick is shown under the list. It knows nothing of what the options are: each has a key,
// the name shown and read by assistive technology, an optional note, and a value of any type.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';

export interface TargetOption<T> {
  key: string;
  label: string;
  value: T;
  // A short remark shown beside the label but not part of its name ("untracked").
  note?: string;
}

// More options than this are cut from the list until the filter narrows it, so a database with
// thousands of tables keeps the page responsive.
const SHOWN_AT_MOST = 200;

export function TargetPicker<T>({
  label = 'To Reference',
  listLabel = 'Matching targets',
  options,
  selected,
  selectedLabel,
  onSelect,
  placeholder = 'Type to filter',
  status,
}: {
  label?: string;
  // The list's own name; it must not contain `label`, which names the filter input.
  listLabel?: string;
  options: TargetOption<T>[];
  // The key of the picked option, or null.
  selected: string | null;
  // What to call the pick when it is not among the options (yet).
  selectedLabel?: string;
  onSelect: (option: TargetOption<T>) => void;
  placeholder?: string;
  // A line under the list while options are still arriving or some could not be listed.
  status?: string;
}) {
  const [filter, setFilter] = useState('');
  // The option the keyboard is on; until a key or the filter moves it, the pick (or the first).
  const [active, setActive] = useState<number | null>(null);
  const baseId = useId();
  const listId = `${baseId}-list`;
  const activeRef = useRef<HTMLLIElement | null>(null);

  const matching = useMemo(() => {
    const words = filter
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word !== '');
    return options.filter((option) => {
      const text = option.label.toLowerCase();
      return words.every((word) => text.includes(word));
    });
  }, [options, filter]);
  const shown = matching.slice(0, SHOWN_AT_MOST);
  const pickedIndex = shown.findIndex((option) => option.key === selected);
  const activeIndex = Math.min(active ?? Math.max(pickedIndex, 0), Math.max(shown.length - 1, 0));

  // Keeps the option the keyboard moved to in sight (not on mount: opening a form must not scroll).
  useEffect(() => {
    if (active !== null) activeRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [active]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      setActive(Math.min(activeIndex + 1, shown.length - 1));
    } else if (event.key === 'ArrowUp') {
      setActive(Math.max(activeIndex - 1, 0));
    } else if (event.key === 'Home') {
      setActive(0);
    } else if (event.key === 'End') {
      setActive(Math.max(shown.length - 1, 0));
    } else if (event.key === 'Enter') {
      // Enter picks; it must not submit the form the picker sits in.
      if (shown[activeIndex] !== undefined) onSelect(shown[activeIndex]);
    } else if (event.key === 'Escape') {
      setFilter('');
    } else {
      return;
    }
    event.preventDefault();
  }

  const picked = options.find((option) => option.key === selected)?.label ?? selectedLabel;
  const optionId = (index: number) => `${baseId}-option-${index}`;
  return (
    <div className="target-picker">
      <label htmlFor={`${baseId}-input`}>{label}</label>
      <input
        id={`${baseId}-input`}
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown.length > 0 ? optionId(activeIndex) : undefined}
        autoComplete="off"
        placeholder={placeholder}
        value={filter}
        onChange={(event) => {
          setFilter(event.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul className="target-options" role="listbox" id={listId} aria-label={listLabel}>
        {shown.map((option, index) => (
          <li
            key={option.key}
            id={optionId(index)}
            ref={index === activeIndex ? activeRef : undefined}
            role="option"
            aria-label={option.label}
            aria-selected={option.key === selected}
            className={index === activeIndex ? 'active' : undefined}
            // The input keeps the focus, so the keyboard goes on working after a click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => {
              setActive(index);
              onSelect(option);
            }}
          >
            <span>{option.label}</span>
            {option.note !== undefined ? (
              <span className="option-note" aria-hidden="true">
                {option.note}
              </span>
            ) : null}
          </li>
        ))}
        {shown.length === 0 ? (
          <li role="presentation" className="muted">
            {options.length === 0 ? 'Nothing to choose from yet.' : 'Nothing matches the filter.'}
          </li>
        ) : null}
        {matching.length > shown.length ? (
          <li role="presentation" className="muted">
            {matching.length - shown.length} more; type to narrow the list.
          </li>
        ) : null}
      </ul>
      {status !== undefined ? <p className="muted">{status}</p> : null}
      <p className="target-selected" aria-live="polite">
        {selected !== null && picked !== undefined
          ? `Selected: ${picked}`
          : 'Nothing selected yet.'}
      </p>
    </div>
  );
}
