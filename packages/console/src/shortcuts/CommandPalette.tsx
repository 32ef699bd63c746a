import { signal } from '@preact/signals';
import type { DeskSubmission } from '@sori/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { t } from '../i18n/i18n.js';
import { listSubmissions } from '../inbox/inbox-api.js';
import { paths } from '../paths.js';
import { Dialog } from '../ui/Dialog.js';
import { currentActions } from './registry.js';

/** Whether the ⌘K palette is open. */
export const paletteOpen = signal(false);

/** Something the palette offers: a registered action, or a submission found by tracking number. */
interface Option {
  id: string;
  label: string;
  run: () => void;
}

// A tracking number ("SR-7K2M-QX4P") or a good part of one: worth asking the server about.
const looksLikeTracking = (text: string) => /^[a-z]{2}-?[a-z0-9]{2,}/i.test(text.trim());

/**
 * The command palette: every registered action by name, and a jump to a submission by its
 * tracking number (asked of the server as the person types). Arrow keys move, Enter runs,
 * Escape closes.
 */
export function CommandPalette() {
  if (!paletteOpen.value) return null;
  return <PaletteDialog />;
}

function PaletteDialog() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [found, setFound] = useState<DeskSubmission[]>([]);
  const [searching, setSearching] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { route } = useLocation();
  const s = t().palette;
  const close = () => (paletteOpen.value = false);

  useEffect(() => input.current?.focus(), []);

  // Look the tracking number up a moment after typing stops; drop answers to older queries.
  useEffect(() => {
    const text = query.trim();
    if (!looksLikeTracking(text)) {
      setFound([]);
      return;
    }
    let current = true;
    setSearching(true);
    const timer = setTimeout(() => {
      listSubmissions({ q: text, limit: 5 })
        .then((page) => current && setFound(page.submissions))
        .catch(() => current && setFound([]))
        .finally(() => current && setSearching(false));
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const words = query.trim().toLowerCase();
  const options: Option[] = [
    ...found.map((submission) => ({
      id: `open-${submission.id}`,
      label: s.open(submission.trackingNumber, t().kinds[submission.kind]),
      run: () => route(paths.submission(submission.id)),
    })),
    ...currentActions()
      .filter((action) => action.inPalette !== false && action.id !== 'global.palette')
      .map((action) => ({ id: action.id, label: action.label(), run: action.run }))
      .filter((option) => !words || option.label.toLowerCase().includes(words)),
  ];
  const index = Math.min(active, Math.max(0, options.length - 1));

  function choose(option: Option | undefined) {
    if (!option) return;
    close();
    option.run();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index + step + options.length) % Math.max(1, options.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      choose(options[index]);
    }
  }

  return (
    <Dialog labelledBy="palette-label" onClose={close} className="palette">
      <label id="palette-label" class="visually-hidden" for="palette-input">
        {s.label}
      </label>
      <input
        ref={input}
        id="palette-input"
        class="palette__input"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-options"
        aria-activedescendant={options[index] ? `palette-${options[index].id}` : undefined}
        aria-autocomplete="list"
        placeholder={s.placeholder}
        autoComplete="off"
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="palette-options" class="palette__options" role="listbox" aria-label={s.results}>
        {options.map((option, i) => (
          <li
            key={option.id}
            id={`palette-${option.id}`}
            role="option"
            aria-selected={i === index}
            class={`palette__option${i === index ? ' palette__option--active' : ''}`}
            onMouseMove={() => setActive(i)}
            onClick={() => choose(option)}
          >
            {option.label}
          </li>
        ))}
      </ul>
      <p class="muted" role="status">
        {searching ? s.searching : options.length ? '' : s.none}
      </p>
    </Dialog>
  );
}
