import type { DeskEvent } from '@sori/protocol';
import { userName } from '../api/directory.js';
import { t } from '../i18n/i18n.js';
import { departmentName } from '../ui/names.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** A word's name from a table of names (statuses, kinds); a word the table lacks is shown as it came. */
const named = (table: Readonly<Record<string, string>>, value: unknown): string | undefined => {
  const word = text(value);
  return word === undefined ? undefined : Object.hasOwn(table, word) ? table[word] : word;
};

/** Who made an event, in words: the user's name, "The shopper" or "Sori". */
export function actorOf(event: DeskEvent): string {
  const s = t().timeline;
  if (event.author === 'reporter') return s.shopper;
  if (event.author === 'system') return s.system;
  return event.actorName ?? userName(event.actorId) ?? s.someone;
}

/**
 * One timeline event as a sentence: "Mina routed it to Logistics", "Jun changed the status:
 * Received → In progress". `data` carries what changed (`from`/`to`, `kind`/`product`, `department`).
 */
export function describe(event: DeskEvent): string {
  const s = t();
  const who = actorOf(event);
  const data = event.data ?? {};
  switch (event.type) {
    case 'received':
      return s.timeline.received;
    case 'message':
      return s.timeline.message;
    case 'reply':
      return s.timeline.reply(who);
    case 'note':
      return s.timeline.note(who);
    case 'status': {
      const name = (status: unknown) => named(s.statuses, status) ?? s.app.none;
      return s.timeline.status(who, name(data['from']), name(data['to'] ?? event.status));
    }
    case 'classification': {
      const what = [named(s.kinds, data['kind']), text(data['product'])].filter(Boolean).join(' · ');
      return s.timeline.classification(who, what || s.app.none);
    }
    case 'routing': {
      const department = departmentName(text(data['to']) ?? text(data['department']) ?? s.app.none);
      // Routed on arrival by the site's defaults: said as automatic, with the rule that chose it.
      if (data['automatic'] === true) return s.timeline.routedAutomatically(department, data['rule'] === 'product' ? s.timeline.ruleProduct : s.timeline.ruleKind);
      return s.timeline.routing(who, department);
    }
    case 'assignment': {
      const to = text(data['to']);
      if (!to) return s.timeline.unassigned(who);
      if (data['automatic'] === true) return s.timeline.assignedInTurn(userName(to) ?? text(data['toName']) ?? s.timeline.someone);
      if (to === event.actorId) return s.timeline.tookIt(who);
      return s.timeline.assignment(who, userName(to) ?? text(data['toName']) ?? s.timeline.someone);
    }
    case 'rating':
      return s.timeline.rating(Number(data['score'] ?? 0));
    case 'improvement':
      return s.timeline.improvement(who, departmentName(text(data['department']) ?? s.app.none));
    case 'erasure':
      return s.timeline.erasure(who);
    case 'export':
      return s.timeline.exported(who);
    case 'follow_up':
      return s.timeline.followUp(who, named(s.followUp.outcomes, data['outcome']) ?? s.app.none);
    case 'improvement_done':
      return s.timeline.improvementDone(event.text ?? '');
  }
}

/** The extra line under a sentence, when the event has one: a closing reason, would-buy-again. */
export function detailOf(event: DeskEvent): string | undefined {
  const data = event.data ?? {};
  const reason = text(data['reason']);
  if (event.type === 'status' && reason) return t().timeline.reason(reason);
  if (event.type === 'rating' && typeof data['wouldBuyAgain'] === 'boolean') return t().timeline.buyAgain(data['wouldBuyAgain']);
  return undefined;
}
