/**
 * "Insurance company": a text box that filters the clinic's own list (WAI-ARIA 1.2 combobox with a
 * listbox popup). Arrow keys move through the choices, Enter or a click picks one, Escape closes
 * the list; "My insurance isn't listed" is always the last choice. Until a choice is picked the
 * value is `undefined`; `null` means "not listed".
 */
import { useId, useMemo, useState, type KeyboardEvent, type Ref } from 'react';
import type { Insurer } from '../api/contract';
import type { ControlProps } from './field';
import { plural, useI18n } from '../lib/i18n/language';

export type InsurerChoice = string | null | undefined;

interface InsurerComboboxProps {
  control: ControlProps;
  insurers: Insurer[];
  value: InsurerChoice;
  onChange: (value: InsurerChoice) => void;
  onBlur: () => void;
  inputRef: Ref<HTMLInputElement>;
}

const NOT_LISTED = '__not_listed__';

export function InsurerCombobox({ control, insurers, value, onChange, onBlur, inputRef }: InsurerComboboxProps) {
  const { t } = useI18n();
  const listId = useId();
  const nameOf = (v: InsurerChoice) => (v === null ? t.payment.notListed : v === undefined ? '' : (insurers.find((i) => i.id === v)?.name ?? ''));
  const [text, setText] = useState(() => nameOf(value));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const options = useMemo(() => {
    const q = text.trim().toLowerCase();
    // While the box shows the chosen name, every choice is offered again.
    const filtering = q !== '' && q !== nameOf(value).toLowerCase();
    const matching = filtering ? insurers.filter((i) => i.name.toLowerCase().includes(q)) : insurers;
    return [...matching.map((i) => ({ id: i.id, name: i.name })), { id: NOT_LISTED, name: t.payment.notListed }];
    // eslint-disable-next-line react-hooks/exhaustive-deps -- nameOf reads value and insurers, listed
  }, [text, insurers, value, t]);

  const optionId = (index: number) => `${listId}-option-${index}`;
  const choose = (index: number) => {
    const option = options[index];
    if (!option) return;
    const chosen = option.id === NOT_LISTED ? null : option.id;
    onChange(chosen);
    setText(option.name);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      if (!open) {
        setOpen(true);
        setActive(step === 1 ? 0 : options.length - 1);
        return;
      }
      setActive((i) => (i + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      if (open && active >= 0) {
        event.preventDefault(); // picking a choice is not submitting the form
        choose(active);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };

  return (
    <div className="combobox">
      <input
        {...control}
        ref={inputRef}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          // Typing is searching: the choice is made again from the list.
          if (value !== undefined) onChange(undefined);
          setOpen(true);
          setActive(-1);
        }}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          // A name typed out in full counts as choosing it.
          const exact = insurers.find((i) => i.name.toLowerCase() === text.trim().toLowerCase());
          if (value === undefined && exact) {
            onChange(exact.id);
            setText(exact.name);
          }
          setOpen(false);
          setActive(-1);
          onBlur();
        }}
      />
      <ul id={listId} role="listbox" aria-label={t.payment.companies} className="combobox-list" hidden={!open}>
        {options.map((option, index) => (
          <li
            key={option.id}
            id={optionId(index)}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'combobox-option combobox-option-active' : 'combobox-option'}
            // mousedown, not click: the text box must not lose focus (and close the list) first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(index);
            }}
          >
            {option.name}
          </li>
        ))}
      </ul>
      <p className="visually-hidden" role="status">
        {open ? plural(t.payment.matches, options.length) : ''}
      </p>
    </div>
  );
}
