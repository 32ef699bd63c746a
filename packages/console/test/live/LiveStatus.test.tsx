import { render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { heardAt, liveState } from '../../src/live/live-store.js';
import { LiveStatus } from '../../src/live/LiveStatus.js';

describe('The live status line', () => {
  it('says plainly whether the page is live, reconnecting or offline, and since when', async () => {
    heardAt.value = new Date(2025, 2, 1, 10, 42).getTime();
    liveState.value = 'live';
    render(<LiveStatus />);
    expect(screen.getByRole('status').textContent).toBe('Live');
    liveState.value = 'reconnecting';
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Reconnecting… changes since 10:42( AM)? will appear\.$/));
    liveState.value = 'offline';
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Offline: showing what was known at 10:42/));
  });
});
