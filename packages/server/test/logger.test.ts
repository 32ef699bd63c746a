import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../src/logger.js';
import { buildTestApp, desk, reporterSecret, send, STORE_ORIGIN, streamTicket, submission } from './helpers.js';

describe('logs', () => {
  it('carry no message bodies, reporter secrets, tokens or stream tickets', async () => {
    const lines: string[] = [];
    const t = await buildTestApp('sqlite', { logger: loggerOptions('info', { write: (line) => lines.push(line) }) });
    try {
      const secret = reporterSecret();
      await send(t, secret, [submission({ message: 'my card number is 4111' })]);
      const ticket = await streamTicket(t.app, t.site, secret);
      await t.app.inject({ method: 'GET', url: `/v1/reporter/events?ticket=${ticket}x`, headers: { origin: STORE_ORIGIN, accept: 'text/event-stream' } });
      await desk(t, 'GET', '/v1/desk/submissions');
      const log = lines.join('');
      expect(log).toContain('/v1/submissions');
      expect(log).toContain('/v1/reporter/events');
      for (const secretText of ['my card number', secret, ticket, t.token]) expect(log).not.toContain(secretText);
    } finally {
      await t.close();
    }
  });
});
