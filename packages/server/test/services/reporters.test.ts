import type { SubmissionBatchResult } from '@sori/protocol';
import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/services/group-commit.js';
import { ReporterDirectory } from '../../src/services/reporters.js';
import { engines, reporterSecret, send, submission, useTestApp } from '../helpers.js';

describe.each(engines)('first-time shoppers on %s', (engine) => {
  const t = useTestApp(engine);

  const reporterOf = async (clientId: string) =>
    (await t.store.db.selectFrom('submissions').select('reporter_id').where('client_id', '=', clientId).executeTakeFirstOrThrow()).reporter_id;

  it('get their reporter made in the commit that stores their submission, once per secret however many arrive together', async () => {
    const secrets = Array.from({ length: 12 }, reporterSecret);
    const twice = secrets[0]!;
    const sent = [...secrets, twice].map((secret) => ({ secret, item: submission() }));
    const answers = await Promise.all(sent.map(({ secret, item }) => send(t, secret, [item])));
    for (const answer of answers) expect((answer.json() as SubmissionBatchResult).results[0]?.result).toBe('accepted');
    const reporters = await t.store.db.selectFrom('reporters').select('id').where('site_id', '=', t.site.id).execute();
    expect(reporters).toHaveLength(secrets.length);
    // The secret sent twice stands for one reporter, whose stream and thread hold both.
    expect(await reporterOf(sent[0]!.item.clientId as string)).toBe(await reporterOf(sent.at(-1)!.item.clientId as string));
  });

  it('keep the reporter made before, by another instance or before a restart', async () => {
    const secret = reporterSecret();
    // Another directory: this app's cache has never seen the reporter.
    const earlier = await new ReporterDirectory(t.store.db).idOf(t.site.id, secret);
    const item = submission();
    expect(((await send(t, secret, [item])).json() as SubmissionBatchResult).results[0]?.result).toBe('accepted');
    expect(await reporterOf(item.clientId as string)).toBe(earlier);
    const reporters = await t.store.db.selectFrom('reporters').select('id').where('site_id', '=', t.site.id).execute();
    expect(reporters.map((r) => r.id)).toEqual([earlier]);
  });

  it('are remembered only once their commit is stored', async () => {
    const directory = new ReporterDirectory(t.store.db);
    const writes = new GroupCommit(t.store.db, () => undefined);
    const [failedSecret, storedSecret] = [reporterSecret(), reporterSecret()];
    await expect(
      writes.run(async (unit) => {
        await directory.store(unit, [directory.refOf(t.site.id, failedSecret)]);
        throw new Error('failed after making the reporter');
      }),
    ).rejects.toThrow('failed after making the reporter');
    const [storedId] = await writes.run((unit) => directory.store(unit, [directory.refOf(t.site.id, storedSecret)]));
    expect(directory.refOf(t.site.id, failedSecret).id).toBeUndefined();
    expect(directory.refOf(t.site.id, storedSecret).id).toBe(storedId);
    const rows = await t.store.db.selectFrom('reporters').select('id').where('site_id', '=', t.site.id).execute();
    expect(rows.map((r) => r.id)).toEqual([storedId]);
  });
});
