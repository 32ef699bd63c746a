import type { AdminSite, MinutesPerKind } from '@sori/protocol';
import { DEFAULT_FOLLOW_UP_DAYS, DEFAULT_SLA_MINUTES, KINDS, type Kind } from '@sori/protocol/constants';
import { useState } from 'preact/hooks';
import { t } from '../i18n/i18n.js';
import { FieldError, invalidProps } from '../ui/FieldError.js';
import { useSave } from '../ui/use-save.js';
import { updateSite } from './sites-api.js';

type Target = 'slaMinutes' | 'resolutionMinutes';
const TARGETS: readonly Target[] = ['slaMinutes', 'resolutionMinutes'];
type Draft = Record<Target, Record<Kind, string>>;

/** Hours as the field shows them: `1.5` for 90 minutes, empty for the default. */
const hoursText = (minutes: number | undefined) => (minutes === undefined ? '' : String(Math.round((minutes / 60) * 100) / 100));

/** Minutes from an hours field; `undefined` for empty (the default), `NaN` when it is no positive number. */
function minutesOf(text: string): number | undefined {
  if (!text.trim()) return undefined;
  const hours = Number(text.replace(',', '.'));
  return Number.isFinite(hours) && hours > 0 ? Math.max(1, Math.round(hours * 60)) : Number.NaN;
}

/**
 * Service standards per kind: by when the first answer is due and by when it should be resolved,
 * in hours of business time. An empty field keeps Sori's default for the kind.
 */
export function TargetsEditor({ site }: { site: AdminSite }) {
  const s = t().sites;
  const [draft, setDraft] = useState<Draft>(() => ({
    slaMinutes: Object.fromEntries(KINDS.map((k) => [k, hoursText(site.settings.slaMinutes?.[k])])) as Record<Kind, string>,
    resolutionMinutes: Object.fromEntries(KINDS.map((k) => [k, hoursText(site.settings.resolutionMinutes?.[k])])) as Record<Kind, string>,
  }));
  const [followUpDays, setFollowUpDays] = useState(site.settings.followUpDays === undefined ? '' : String(site.settings.followUpDays));
  const [problems, setProblems] = useState<Partial<Record<string, string>>>({});
  const save = useSave();

  async function submit(event: Event) {
    event.preventDefault();
    const found: Partial<Record<string, string>> = {};
    const settings: Record<Target, MinutesPerKind> = { slaMinutes: {}, resolutionMinutes: {} };
    for (const target of TARGETS) {
      for (const kind of KINDS) {
        const minutes = minutesOf(draft[target][kind]);
        if (minutes === undefined) continue;
        if (Number.isNaN(minutes)) found[`${target}.${kind}`] = s.errors.hours;
        else settings[target][kind] = minutes;
      }
    }
    for (const kind of KINDS) {
      const first = settings.slaMinutes[kind] ?? DEFAULT_SLA_MINUTES[kind];
      const resolved = settings.resolutionMinutes[kind];
      if (resolved !== undefined && resolved < first) found[`resolutionMinutes.${kind}`] = s.errors.resolutionBeforeFirst;
    }
    const days = followUpDays.trim() ? Number(followUpDays) : null;
    if (days !== null && !(Number.isInteger(days) && days >= 1 && days <= 90)) found['followUpDays'] = s.errors.days;
    setProblems(found);
    if (Object.keys(found).length) return;
    await save.run(() => updateSite(site.id, { settings: { slaMinutes: settings.slaMinutes, resolutionMinutes: settings.resolutionMinutes, followUpDays: days } }));
  }

  return (
    <section class="settings-section" aria-labelledby="targets-heading">
      <h2 id="targets-heading">{s.targets}</h2>
      <p class="muted">{s.targetsHint}</p>
      <form onSubmit={submit} noValidate>
        <table class="targets">
          <thead>
            <tr>
              <th scope="col">{s.kind}</th>
              <th scope="col">{s.firstResponse}</th>
              <th scope="col">{s.resolution}</th>
            </tr>
          </thead>
          <tbody>
            {KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{t().kinds[kind]}</th>
                {TARGETS.map((target) => {
                  const key = `${target}.${kind}`;
                  const problem = problems[key] ?? (save.field?.endsWith(key) ? save.error : undefined);
                  return (
                    <td key={target}>
                      <input
                        inputMode="decimal"
                        size={6}
                        aria-label={`${t().kinds[kind]}: ${target === 'slaMinutes' ? s.firstResponse : s.resolution}`}
                        placeholder={target === 'slaMinutes' ? hoursText(DEFAULT_SLA_MINUTES[kind]) : s.noTarget}
                        value={draft[target][kind]}
                        {...invalidProps(`${key}-error`, problem)}
                        onInput={(e) => setDraft({ ...draft, [target]: { ...draft[target], [kind]: e.currentTarget.value } })}
                      />{' '}
                      {s.hoursUnit}
                      <FieldError id={`${key}-error`} message={problem} />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <label class="field">
          {s.followUpDays}
          <input
            inputMode="numeric"
            size={4}
            placeholder={String(DEFAULT_FOLLOW_UP_DAYS)}
            value={followUpDays}
            {...invalidProps('followUpDays-error', problems['followUpDays'] ?? (save.field?.endsWith('followUpDays') ? save.error : undefined))}
            onInput={(e) => setFollowUpDays(e.currentTarget.value)}
          />
          <FieldError id="followUpDays-error" message={problems['followUpDays'] ?? (save.field?.endsWith('followUpDays') ? save.error : undefined)} />
        </label>
        {save.error && !save.field?.endsWith('followUpDays') && !TARGETS.some((target) => KINDS.some((kind) => save.field?.endsWith(`${target}.${kind}`))) && (
          <p class="error" role="alert">
            {save.error}
          </p>
        )}
        <button type="submit" class="button button--primary" disabled={save.busy}>
          {s.saveTargets}
        </button>
      </form>
    </section>
  );
}
