import type { SubmissionResult } from '@sori/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engines, submission, useTestApp } from '../helpers.js';
import { receiptOf, seededRandom, seededSecret, seededUuid, sendUntilAnswered, type Batch } from './at-least-once.js';
import { startLossyProxy, type LossMode, type LossyProxy } from './lossy-proxy.js';

/** Replay a failing run with SORI_RESILIENCE_SEED=<the seed in its message>. */
const SEED = Number(process.env['SORI_RESILIENCE_SEED'] ?? 1515);
const REPORTERS = 8;
const BATCHES_EACH = 10;
const PER_BATCH = 5;
/** The share of answers to `POST /v1/submissions` lost after the server gave them. */
const LOSS = 0.3;
const MODES: LossMode[] = ['reset', 'close', 'cut'];

/** Every reporter's outbox: batches of new submissions, with client ids drawn from the seed. */
function outboxes(random: () => number): Batch[][] {
  return Array.from({ length: REPORTERS }, (_, r) => {
    const secret = seededSecret(random);
    return Array.from({ length: BATCHES_EACH }, (_, b) => ({
      secret,
      submissions: Array.from({ length: PER_BATCH }, (_, i) => {
        const clientId = seededUuid(random);
        return { ...submission({ clientId, message: `Reporter ${r}, batch ${b}, item ${i}: the lid does not close.` }), clientId };
      }),
    }));
  });
}

describe.each(engines)('answers lost on the way back, on %s', (engine) => {
  const t = useTestApp(engine);
  let proxy: LossyProxy;
  beforeEach(async () => {
    const random = seededRandom(SEED);
    const target = await t.app.listen({ port: 0, host: '127.0.0.1' });
    proxy = await startLossyProxy({ target, lose: () => (random() < LOSS ? MODES[Math.floor(random() * MODES.length)] : undefined) });
  });
  afterEach(() => proxy.close());

  it(`stores each submission once when ${LOSS * 100} % of the answers are lost after the server gave them, and answers every resend with the first receipt (seed ${SEED})`, { timeout: 180_000 }, async () => {
    const reporters = outboxes(seededRandom(SEED + 1));
    const jitter = seededRandom(SEED + 2);
    const heard = new Map<string, SubmissionResult[]>();
    let resent = 0;

    // One sender per reporter, as the SDK holds one per origin; the reporters send side by side.
    await Promise.all(
      reporters.map(async (batches) => {
        for (const batch of batches) {
          const { results, tries } = await sendUntilAnswered(batch, { base: () => proxy.base, siteKey: t.site.key, random: jitter });
          resent += tries - 1;
          for (const result of results) heard.set(result.clientId, [...(heard.get(result.clientId) ?? []), result]);
        }
      }),
    );

    const sent = reporters.flat().flatMap((batch) => batch.submissions.map((item) => item.clientId));
    const lost = proxy.answers.filter((answer) => answer.lost);
    const where = `(seed ${SEED}, ${lost.length} of ${proxy.answers.length} answers lost)`;
    // The run must have lost answers, or it proves nothing.
    expect(lost.length, where).toBeGreaterThanOrEqual(5);
    expect(resent, where).toBe(lost.length);

    // The client heard exactly one answer for each submission: accepted, or duplicate after a loss.
    expect([...heard.keys()].sort(), where).toEqual([...sent].sort());
    const duplicates = [...heard.values()].filter(([result]) => result?.result === 'duplicate');
    expect(duplicates.length, where).toBeGreaterThan(0);
    for (const results of heard.values()) {
      expect(results, where).toHaveLength(1);
      expect(['accepted', 'duplicate'], where).toContain(results[0]!.result);
    }

    // The server accepted each one once, and answered every resend with that same receipt.
    const fromServer = new Map<string, SubmissionResult[]>();
    for (const answer of proxy.answers) {
      expect(answer.status, where).toBe(200);
      for (const result of answer.results ?? []) fromServer.set(result.clientId, [...(fromServer.get(result.clientId) ?? []), result]);
    }
    const rows = await t.store.db.selectFrom('submissions').select(['id', 'client_id', 'tracking_number']).where('site_id', '=', t.site.id).execute();
    const stored = new Map(rows.map((row) => [row.client_id, row]));
    expect(rows, where).toHaveLength(sent.length);
    expect(stored.size, where).toBe(sent.length);
    for (const clientId of sent) {
      const row = stored.get(clientId);
      expect(row, `${clientId} is not stored ${where}`).toBeDefined();
      const answers = fromServer.get(clientId) ?? [];
      expect(answers.filter((result) => result.result === 'accepted'), `${clientId} ${where}`).toHaveLength(1);
      for (const result of [...answers, ...(heard.get(clientId) ?? [])]) {
        expect(receiptOf(result), `${clientId} ${where}`).toMatchObject({ id: row!.id, trackingNumber: row!.tracking_number });
      }
    }

    // One `received` event per submission: a resend adds nothing to the timeline either.
    const received = await t.store.db.selectFrom('events').select('submission_id').where('type', '=', 'received').where('site_id', '=', t.site.id).execute();
    expect(received, where).toHaveLength(sent.length);
    expect(new Set(received.map((event) => event.submission_id)).size, where).toBe(sent.length);
  });
});
