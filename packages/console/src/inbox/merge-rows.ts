import type { DeskSubmission, InboxQuery } from '@sori/protocol';
import { compareFor, matches } from './inbox-query.js';

/** The loaded list as {@link mergeRows} sees it. */
export interface LoadedRows {
  rows: readonly DeskSubmission[];
  /** Rows that changed and left the view: kept in place (no jumps under the cursor), marked. */
  gone: ReadonlySet<string>;
  /** The row the j/k cursor is on. */
  focused: number;
  /** More pages remain on the server. */
  more: boolean;
}

/**
 * Merges changed submissions into the loaded rows. A row that is here is replaced in place
 * (unless the change is older than what is shown) and marked when it left the query; a new
 * submission is inserted where the sort puts it when it fits the query, but not past the last
 * loaded row while more pages remain (it will come with its page). The cursor stays on its row.
 */
export function mergeRows(loaded: LoadedRows, changed: readonly DeskSubmission[], query: InboxQuery, me: string | undefined, now: number): LoadedRows & { arrived: number } {
  const compare = compareFor(query.sort ?? 'due');
  const list = [...loaded.rows];
  const gone = new Set(loaded.gone);
  let focused = loaded.focused;
  let arrived = 0;
  for (const submission of changed) {
    const fits = matches(submission, query, me, now);
    const at = list.findIndex((row) => row.id === submission.id);
    if (at >= 0) {
      // `at` was just found, so the row is there (noUncheckedIndexedAccess cannot know).
      if (Date.parse(submission.updatedAt) < Date.parse((list[at] as DeskSubmission).updatedAt)) continue;
      list[at] = submission;
      if (fits === false) gone.add(submission.id);
      else gone.delete(submission.id);
      continue;
    }
    if (fits !== true) continue;
    let index = list.findIndex((row) => compare(submission, row) < 0);
    if (index < 0) {
      if (loaded.more) continue;
      index = list.length;
    }
    list.splice(index, 0, submission);
    if (index <= focused && list.length > 1) focused++;
    arrived++;
  }
  return { rows: list, gone, focused, more: loaded.more, arrived };
}
