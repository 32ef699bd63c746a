import { describe, expect, it } from 'vitest';
import { SharedReads, type StreamRead } from '../src/shared-reads.js';

interface Event {
  id: number;
  topic: string;
}

/** Shared reads over a timeline of `perTopic` events per topic, with the calls they made; the first call with the topic `failOn` fails. */
function timeline(perTopic: number, failOn?: string) {
  let failed = false;
  const calls: StreamRead[][] = [];
  const reads = new SharedReads<Event>(async (asked) => {
    calls.push([...asked]);
    if (!failed && asked.some((read) => read.topic === failOn)) {
      failed = true;
      throw new Error('the database went away');
    }
    return asked.map(({ topic, cursor, limit }) =>
      Array.from({ length: perTopic }, (_, i) => ({ id: i + 1, topic }))
        .filter((event) => event.id > cursor)
        .slice(0, limit),
    );
  });
  return { reads, calls };
}

describe('shared reads', () => {
  it('answers the reads asked in one turn with one call, each with its own events', async () => {
    const { reads, calls } = timeline(5);
    const answers = await Promise.all([reads.source('a').read(0, 500), reads.source('b').read(3, 500), reads.source('a').read(4, 1)]);
    expect(answers).toEqual([
      [1, 2, 3, 4, 5].map((id) => ({ id, topic: 'a' })),
      [4, 5].map((id) => ({ id, topic: 'b' })),
      [{ id: 5, topic: 'a' }],
    ]);
    expect(calls).toHaveLength(1);
  });

  it('reads many streams in calls of bounded size, and a later turn in a call of its own', async () => {
    const { reads, calls } = timeline(1);
    const answers = await Promise.all(Array.from({ length: 2500 }, (_, i) => reads.source(`r${i}`).read(0, 500)));
    expect(answers.every((events, i) => events.length === 1 && events[0]!.topic === `r${i}`)).toBe(true);
    expect(calls.map((call) => call.length)).toEqual([1000, 1000, 500]);
    await reads.source('late').read(0, 500);
    expect(calls.at(-1)).toEqual([{ topic: 'late', cursor: 0, limit: 500 }]);
  });

  it('fails only the reads of a call that failed', async () => {
    const { reads } = timeline(1, 'r1500');
    const answers = await Promise.allSettled(Array.from({ length: 2500 }, (_, i) => reads.source(`r${i}`).read(0, 500)));
    const failed = answers.flatMap((answer, i) => (answer.status === 'rejected' ? [i] : []));
    expect(failed).toEqual(Array.from({ length: 1000 }, (_, i) => 1000 + i));
    expect(await reads.source('r1500').read(0, 500)).toEqual([{ id: 1, topic: 'r1500' }]);
  });
});
