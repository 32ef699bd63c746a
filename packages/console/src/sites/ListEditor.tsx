import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { readPastedList } from './site-form.js';

/** Props of {@link ListEditor}. */
export interface ListEditorProps {
  /** Prefix of the ids inside, unique on the page (`products`, `departments`). */
  id: string;
  /** The section's heading. */
  heading: string;
  /** What one item is called ("Product"), for the add field and the buttons' names. */
  itemLabel: string;
  items: readonly string[];
  /** How an item reads (a default department's name in the console's language). */
  display?: (item: string) => string;
  /** At least this many must stay. @default 0 */
  min?: number;
  /** Puts the list back into a draft the section saves. */
  onChange: (items: string[]) => void;
}

/**
 * A list a site owner keeps (products, departments): add one, paste many (one a line), rename in
 * place, remove. Repeats are refused at the field.
 */
export function ListEditor({ id, heading, itemLabel, items, display = (item) => item, min = 0, onChange }: ListEditorProps) {
  const s = t().sites;
  const [adding, setAdding] = useState('');
  const [pasting, setPasting] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [renaming, setRenaming] = useState<{ index: number; text: string } | undefined>();

  function add(event: Event) {
    event.preventDefault();
    const text = adding.trim();
    if (!text) return setProblem(s.errors.itemEmpty);
    if (items.includes(text) || items.some((item) => display(item) === text)) return setProblem(s.errors.itemDuplicate(text));
    setProblem(undefined);
    setAdding('');
    onChange([...items, text]);
  }

  function rename(index: number, text: string) {
    const trimmed = text.trim();
    const before = items[index] ?? '';
    // Unchanged wording keeps the stored value (a default department keeps its id).
    const next = trimmed === display(before) ? before : trimmed;
    if (!next) return setProblem(s.errors.itemEmpty);
    if (items.some((item, i) => i !== index && (item === next || display(item) === next))) return setProblem(s.errors.itemDuplicate(next));
    setProblem(undefined);
    setRenaming(undefined);
    onChange(items.map((item, i) => (i === index ? next : item)));
  }

  const errorId = `${id}-error`;
  return (
    <fieldset class="list-editor">
      <legend>{heading}</legend>
      {items.length === 0 && <p class="muted">{s.noItems}</p>}
      <ul class="list-editor__items">
        {items.map((item, index) => (
          <li key={item}>
            {renaming?.index === index ? (
              <form class="inline-form" onSubmit={(e) => (e.preventDefault(), rename(index, renaming.text))}>
                <input aria-label={s.renameLabel(display(item))} value={renaming.text} onInput={(e) => setRenaming({ index, text: e.currentTarget.value })} />
                <button type="submit" class="button">{s.rename}</button>
                <button type="button" class="button button--quiet" onClick={() => setRenaming(undefined)}>
                  {t().app.cancel}
                </button>
              </form>
            ) : (
              <>
                <span>{display(item)}</span>
                <button type="button" class="button button--quiet" aria-label={s.renameLabel(display(item))} onClick={() => setRenaming({ index, text: display(item) })}>
                  {s.rename}
                </button>
                <button type="button" class="button button--quiet" aria-label={s.removeLabel(display(item))} disabled={items.length <= min} onClick={() => onChange(items.filter((_, i) => i !== index))}>
                  {s.remove}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form class="inline-form" onSubmit={add}>
        <label>
          {s.addItem(itemLabel)}
          <input value={adding} {...invalidProps(errorId, problem)} onInput={(e) => setAdding(e.currentTarget.value)} />
        </label>
        <button type="submit" class="button">{s.add}</button>
        <button type="button" class="button button--quiet" onClick={() => setPasting(pasting === undefined ? '' : undefined)}>
          {s.pasteList}
        </button>
      </form>
      <FieldError id={errorId} message={problem} />
      {pasting !== undefined && (
        <form
          class="paste-form"
          onSubmit={(e) => {
            e.preventDefault();
            const fresh = readPastedList(pasting, [...items, ...items.map(display)]);
            onChange([...items, ...fresh]);
            setPasting(undefined);
          }}
        >
          <label>
            {s.pasteHint}
            <textarea rows={5} value={pasting} onInput={(e) => setPasting(e.currentTarget.value)} />
          </label>
          <button type="submit" class="button">{s.addPasted(readPastedList(pasting, [...items, ...items.map(display)]).length)}</button>
        </form>
      )}
    </fieldset>
  );
}
