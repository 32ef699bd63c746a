import type { CannedReply } from '@sori/protocol';
import { t } from '../i18n/i18n.js';

/** Props of {@link CannedPicker}. */
export interface CannedPickerProps {
  /** Id of the listbox; options are `${id}-${index}` (for `aria-activedescendant`). */
  id: string;
  options: readonly CannedReply[];
  active: number;
  onPick: (reply: CannedReply) => void;
  /** With its own filter field (opened by the button); without, the composer's `/text` filters. */
  filter?: { value: string; onInput: (value: string) => void; onKeyDown: (event: KeyboardEvent) => void };
}

/** The canned replies that fit the submission, to pick one by arrow keys and Enter, or by mouse. */
export function CannedPicker({ id, options, active, onPick, filter }: CannedPickerProps) {
  const s = t().canned;
  return (
    <div class="canned-picker">
      {filter && (
        <input
          class="canned-picker__filter"
          aria-label={s.filter}
          role="combobox"
          aria-expanded="true"
          aria-controls={id}
          aria-activedescendant={options[active] ? `${id}-${active}` : undefined}
          value={filter.value}
          autoFocus
          onInput={(e) => filter.onInput(e.currentTarget.value)}
          onKeyDown={filter.onKeyDown}
        />
      )}
      <ul id={id} class="canned-picker__list" role="listbox" aria-label={s.picker}>
        {options.map((reply, index) => (
          <li
            key={reply.id}
            id={`${id}-${index}`}
            role="option"
            aria-selected={index === active}
            class={`canned-picker__option${index === active ? ' canned-picker__option--active' : ''}`}
            // mousedown, not click: the composer keeps the focus (and the caret) while picking.
            onMouseDown={(event) => {
              event.preventDefault();
              onPick(reply);
            }}
          >
            <strong>{reply.title}</strong>
            <span class="canned-picker__text">{reply.text}</span>
          </li>
        ))}
      </ul>
      {!options.length && <p class="muted">{s.noMatch}</p>}
    </div>
  );
}
