import { waitFor } from '@testing-library/preact';
import type { StaffEvent } from '@sori/protocol';
import { describe, expect, it, vi } from 'vitest';
import { setCsrfToken } from '../../src/api/client.js';
import { applyStaffEvent, liveState, onStaffEvent } from '../../src/live/live-store.js';
import { DEAD_AFTER_MS, startLive } from '../../src/live/stream.js';
import { FakeEventSource } from '../fake-event-source.js';
import { aSubmission } from '../fake-desk.js';
import { fakeDesk } from '../helpers.js';

/** A signed-in desk and the live connection started on it, its first stream open. */
async function liveDesk() {
  const desk = fakeDesk();
  desk.session = desk.users[0];
  setCsrfToken(desk.csrf);
  const heard: StaffEvent[] = [];
  onStaffEvent((event) => heard.push(event));
  startLive();
  await waitFor(() => expect(FakeEventSource.opened).toHaveLength(1));
  FakeEventSource.latest.open();
  return { desk, heard };
}

describe('The live store', () => {
  it('passes each event on once, however often it comes', () => {
    const heard: number[] = [];
    onStaffEvent((event) => heard.push(event.id));
    const submission = aSubmission();
    const event = { id: 7, event: { id: 7, submissionId: submission.id, type: 'note', at: submission.createdAt, author: 'staff', public: false, status: 'received' }, submission } satisfies StaffEvent;
    expect(applyStaffEvent(event)).toBe(true);
    expect(applyStaffEvent(event)).toBe(false);
    expect(heard).toEqual([7]);
  });
});

describe('The live connection', () => {
  it('starts the stream at the newest event, with the session cookie', async () => {
    const { desk } = await liveDesk();
    expect(FakeEventSource.latest.after).toBe(String(desk.log.at(-1)?.id ?? 0));
    expect(FakeEventSource.latest.init?.withCredentials).toBe(true);
    expect(liveState.value).toBe('live');
  });

  it('catches up from its cursor after the stream drops, then streams from there, never passing an event on twice', async () => {
    const { desk, heard } = await liveDesk();
    const [x] = desk.add(aSubmission());
    const a = desk.log.at(-1) as StaffEvent;
    FakeEventSource.latest.send('event', a, a.id);
    FakeEventSource.latest.fail();
    expect(FakeEventSource.latest.closed).toBe(true);
    expect(liveState.value).toBe('reconnecting');
    // What happens while the stream is down comes back through the JSON catch-up.
    desk.add(aSubmission());
    const b = desk.log.at(-1) as StaffEvent;
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(2), { timeout: 3000 });
    const catchUp = desk.requests.filter((r) => r.path === '/v1/desk/events').at(-1);
    expect(catchUp?.query.get('after')).toBe(String(a.id));
    expect(FakeEventSource.latest.after).toBe(String(b.id));
    // A server that replays from an older point must not make anything appear twice.
    FakeEventSource.latest.open();
    FakeEventSource.latest.send('event', a, a.id);
    FakeEventSource.latest.send('event', b, b.id);
    expect(heard.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(heard[0]?.submission.id).toBe(x?.id);
    expect(liveState.value).toBe('live');
  });

  it('treats two missed heartbeats (35 s of silence) as a dead stream: closes it and reconnects', async () => {
    await liveDesk();
    const first = FakeEventSource.latest;
    vi.useFakeTimers();
    await vi.advanceTimersByTimeAsync(DEAD_AFTER_MS - 5000);
    first.send('heartbeat', { at: new Date().toISOString() });
    await vi.advanceTimersByTimeAsync(DEAD_AFTER_MS - 5000);
    expect(first.closed).toBe(false);
    await vi.advanceTimersByTimeAsync(5001);
    expect(first.closed).toBe(true);
    expect(liveState.value).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    vi.useRealTimers();
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(2));
    FakeEventSource.latest.open();
    expect(liveState.value).toBe('live');
  });

  it('says it is offline when the browser is, and reconnects at once when it is back', async () => {
    await liveDesk();
    dispatchEvent(new Event('offline'));
    expect(liveState.value).toBe('offline');
    FakeEventSource.latest.fail();
    dispatchEvent(new Event('online'));
    await waitFor(() => expect(FakeEventSource.opened).toHaveLength(2));
    FakeEventSource.latest.open();
    expect(liveState.value).toBe('live');
  });
});
