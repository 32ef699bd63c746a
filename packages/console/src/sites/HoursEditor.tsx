import type { AdminSite, BusinessHours, OpeningSpan } from '@sori/protocol';
import { WEEKDAYS } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { checkSpans, inOpeningOrder, isTimeZone, laterBy } from './site-form.js';
import { updateSite } from './sites-api.js';

type Weekday = (typeof WEEKDAYS)[number];
/** One weekday as the form holds it: open or not, and its spans (two for a lunch break, say). */
interface DayDraft {
  open: boolean;
  spans: OpeningSpan[];
}

/** Spans a weekday may have (the protocol's limit). */
const MAX_SPANS = 8;

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const zones = (): readonly string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

function draftOf(hours: BusinessHours | undefined): Record<Weekday, DayDraft> {
  const out = {} as Record<Weekday, DayDraft>;
  for (const day of WEEKDAYS) {
    const spans = hours?.weekly[day] ?? [];
    // A site without hours starts from a usual shop week (Monday to Friday, 9 to 6) once they are turned on.
    const weekday = day !== 'sat' && day !== 'sun';
    out[day] = spans.length ? { open: true, spans: spans.map((span) => ({ ...span })) } : { open: !hours && weekday, spans: [{ from: '09:00', to: '18:00' }] };
  }
  return out;
}

/**
 * Business hours: the time zone, opening spans per weekday (one or more), and holidays. Every clock of the
 * site counts only open time (the shopper's expected answer, due times, breaches); a site
 * without hours is always open.
 */
export function HoursEditor({ site }: { site: AdminSite }) {
  const s = t().sites;
  const hours = site.settings.businessHours;
  const [enabled, setEnabled] = useState(!!hours);
  const [timeZone, setTimeZone] = useState(hours?.timeZone ?? browserZone());
  const [days, setDays] = useState(() => draftOf(hours));
  const [holidays, setHolidays] = useState<string[]>(hours?.holidays ?? []);
  const [holiday, setHoliday] = useState('');
  const [problems, setProblems] = useState<Partial<Record<Weekday | 'timeZone', string>>>({});
  const save = useSave();

  const setDay = (day: Weekday, change: Partial<DayDraft>) => setDays({ ...days, [day]: { ...days[day], ...change } });
  const setSpan = (day: Weekday, index: number, change: Partial<OpeningSpan>) =>
    setDay(day, { spans: days[day].spans.map((span, i) => (i === index ? { ...span, ...change } : span)) });
  const addSpan = (day: Weekday) => {
    const last = days[day].spans.at(-1);
    // The next span starts an hour after the last one closes, as a first guess.
    const from = last ? laterBy(last.to, 60) : '09:00';
    setDay(day, { spans: [...days[day].spans, { from, to: laterBy(from, 240) }] });
  };

  async function submit(event: Event) {
    event.preventDefault();
    if (!enabled) return void save.run(() => updateSite(site.id, { settings: { businessHours: null } }));
    const found: Partial<Record<Weekday | 'timeZone', string>> = {};
    if (!isTimeZone(timeZone)) found.timeZone = s.errors.timeZone;
    const weekly: BusinessHours['weekly'] = {};
    for (const day of WEEKDAYS) {
      const draft = days[day];
      if (!draft.open) continue;
      const problem = checkSpans(draft.spans);
      if (problem) found[day] = s.errors[problem];
      else weekly[day] = inOpeningOrder(draft.spans);
    }
    setProblems(found);
    if (Object.keys(found).length) return;
    await save.run(() => updateSite(site.id, { settings: { businessHours: { timeZone: timeZone.trim(), weekly, holidays: [...holidays].sort() } } }));
  }

  const zoneError = problems.timeZone ?? (save.field?.includes('timeZone') ? save.error : undefined);
  return (
    <section class="settings-section" aria-labelledby="hours-heading">
      <h2 id="hours-heading">{s.hours}</h2>
      <form onSubmit={submit} noValidate>
        <label class="check">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} /> {s.hoursEnabled}
        </label>
        {!enabled && <p class="muted">{s.alwaysOpen}</p>}
        {enabled && (
          <>
            <label>
              {s.timeZone}
              <input value={timeZone} list="time-zones" {...invalidProps('zone-error', zoneError)} onInput={(e) => setTimeZone(e.currentTarget.value)} />
            </label>
            <datalist id="time-zones">
              {zones().map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <FieldError id="zone-error" message={zoneError} />
            <table class="hours">
              <caption class="visually-hidden">{s.weekly}</caption>
              <tbody>
                {WEEKDAYS.map((day) => (
                  <tr key={day}>
                    <th scope="row">
                      <label class="check">
                        <input type="checkbox" checked={days[day].open} onChange={(e) => setDay(day, { open: e.currentTarget.checked })} /> {s.weekdays[day]}
                      </label>
                    </th>
                    <td>
                      {days[day].open ? (
                        <>
                          {days[day].spans.map((span, i) => (
                            <span class="hours__span" key={i}>
                              <input type="time" aria-label={s.opensAt(s.weekdays[day], i + 1)} value={span.from} {...invalidProps(`${day}-error`, problems[day])} onInput={(e) => setSpan(day, i, { from: e.currentTarget.value })} />
                              {' – '}
                              <input type="time" aria-label={s.closesAt(s.weekdays[day], i + 1)} value={span.to} {...invalidProps(`${day}-error`, problems[day])} onInput={(e) => setSpan(day, i, { to: e.currentTarget.value })} />
                              {days[day].spans.length > 1 && (
                                <button type="button" class="button button--quiet" aria-label={s.removeSpan(s.weekdays[day], i + 1)} onClick={() => setDay(day, { spans: days[day].spans.filter((_, j) => j !== i) })}>
                                  {s.remove}
                                </button>
                              )}
                            </span>
                          ))}
                          {days[day].spans.length < MAX_SPANS && (
                            <button type="button" class="button button--quiet" aria-label={s.addSpan(s.weekdays[day])} onClick={() => addSpan(day)}>
                              {s.addSpanShort}
                            </button>
                          )}
                          <FieldError id={`${day}-error`} message={problems[day]} />
                        </>
                      ) : (
                        <span class="muted">{s.closed}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <fieldset>
              <legend>{s.holidays}</legend>
              <ul class="list-editor__items">
                {holidays.map((date) => (
                  <li key={date}>
                    <span>{date}</span>
                    <button type="button" class="button button--quiet" aria-label={s.removeLabel(date)} onClick={() => setHolidays(holidays.filter((d) => d !== date))}>
                      {s.remove}
                    </button>
                  </li>
                ))}
              </ul>
              <label>
                {s.addHoliday}
                <input type="date" value={holiday} onInput={(e) => setHoliday(e.currentTarget.value)} />
              </label>
              <button
                type="button"
                class="button"
                disabled={!/^\d{4}-\d{2}-\d{2}$/.test(holiday) || holidays.includes(holiday)}
                onClick={() => {
                  setHolidays([...holidays, holiday].sort());
                  setHoliday('');
                }}
              >
                {s.add}
              </button>
            </fieldset>
          </>
        )}
        {save.error && !zoneError && (
          <p class="error" role="alert">
            {save.error}
          </p>
        )}
        <button type="submit" class="button button--primary" disabled={save.busy}>
          {s.saveHours}
        </button>
      </form>
    </section>
  );
}
