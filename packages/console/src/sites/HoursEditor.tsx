import type { AdminSite, BusinessHours, OpeningSpan } from '@sori/protocol';
import { WEEKDAYS } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { checkHours, isTimeZone } from './site-form.js';
import { updateSite } from './sites-api.js';

type Weekday = (typeof WEEKDAYS)[number];
/** One weekday as the form holds it: open or not, and its one span. */
interface DayDraft {
  open: boolean;
  from: string;
  to: string;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const zones = (): readonly string[] => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);

function draftOf(hours: BusinessHours | undefined): Record<Weekday, DayDraft> {
  const out = {} as Record<Weekday, DayDraft>;
  for (const day of WEEKDAYS) {
    const span: OpeningSpan | undefined = hours?.weekly[day]?.[0];
    // A site without hours starts from a usual shop week (Monday to Friday, 9 to 6) once they are turned on.
    const weekday = day !== 'sat' && day !== 'sun';
    out[day] = span ? { open: true, from: span.from, to: span.to } : { open: !hours && weekday, from: '09:00', to: '18:00' };
  }
  return out;
}

/**
 * Business hours: the time zone, one opening span per weekday, and holidays. Every clock of the
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

  async function submit(event: Event) {
    event.preventDefault();
    if (!enabled) return void save.run(() => updateSite(site.id, { settings: { businessHours: null } }));
    const found: Partial<Record<Weekday | 'timeZone', string>> = {};
    if (!isTimeZone(timeZone)) found.timeZone = s.errors.timeZone;
    const weekly: BusinessHours['weekly'] = {};
    for (const day of WEEKDAYS) {
      const draft = days[day];
      if (!draft.open) continue;
      const problem = checkHours(draft.from, draft.to);
      if (problem) found[day] = s.errors[problem];
      else weekly[day] = [{ from: draft.from, to: draft.to }];
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
                          <input type="time" aria-label={s.opensAt(s.weekdays[day])} value={days[day].from} {...invalidProps(`${day}-error`, problems[day])} onInput={(e) => setDay(day, { from: e.currentTarget.value })} />
                          {' – '}
                          <input type="time" aria-label={s.closesAt(s.weekdays[day])} value={days[day].to} {...invalidProps(`${day}-error`, problems[day])} onInput={(e) => setDay(day, { to: e.currentTarget.value })} />
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
