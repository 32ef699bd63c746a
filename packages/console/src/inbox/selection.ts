import { signal } from '@preact/signals';

/** The most submissions one bulk change takes (`BulkChange.ids`). */
export const BULK_LIMIT = 5000;

/** Ids of the selected submissions, for a bulk change. */
export const selected = signal<ReadonlySet<string>>(new Set());
// Where the last plain toggle happened: a shift-click selects from here.
let anchor: string | undefined;

/** Selects or unselects one submission, and makes it the start of the next range. */
export function toggle(id: string): void {
  const next = new Set(selected.peek());
  if (next.has(id)) next.delete(id);
  else next.add(id);
  anchor = id;
  selected.value = next;
}

/** Selects every submission between the last toggled one and `id`, in the order of `ids` (the list). */
export function selectRange(id: string, ids: readonly string[]): void {
  const from = anchor === undefined ? -1 : ids.indexOf(anchor);
  const to = ids.indexOf(id);
  if (from < 0 || to < 0) return toggle(id);
  const next = new Set(selected.peek());
  for (const between of ids.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(between);
  anchor = id;
  selected.value = next;
}

/** Selects every loaded submission (up to {@link BULK_LIMIT}). */
export function selectAll(ids: readonly string[]): void {
  selected.value = new Set(ids.slice(0, BULK_LIMIT));
}

/** Unselects everything, or keeps only `keep` (the ones a bulk change failed on). */
export function clearSelection(keep: readonly string[] = []): void {
  selected.value = new Set(keep);
  anchor = undefined;
}
