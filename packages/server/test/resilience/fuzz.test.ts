import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, engines, STORE_ORIGIN, type TestContext } from '../helpers.js';
import { checkAnswer, fire, type Shot } from './fuzz-check.js';
import { ROUTE_GROUPS } from './fuzz-routes.js';
import { makeWorld, type World } from './fuzz-world.js';

/** Replay a failing run with SORI_FUZZ_SEED=<seed>; fast-check's message also gives the path to the counterexample. */
const SEED = Number(process.env['SORI_FUZZ_SEED'] ?? 20_151);
const RUNS = Number(process.env['SORI_FUZZ_RUNS'] ?? 300);

describe.each(engines)('every route under fuzzing on %s', (engine) => {
  let t: TestContext;
  let world: World;
  beforeAll(async () => {
    t = await buildTestApp(engine);
    world = await makeWorld(t);
  }, 60_000);
  afterAll(() => t.close());

  for (const [index, [name, make]] of ROUTE_GROUPS.entries()) {
    it(`${name}: never a 5xx, every 4xx in the one JSON error shape (seed ${SEED + index})`, { timeout: 170_000 }, async () => {
      const tally = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(make(world), async (shot) => {
          const res = await fire(t.app, shot);
          checkAnswer(shot, res);
          const code = res.statusCode >= 400 && shot.method !== 'HEAD' ? `${res.statusCode} ${(res.json() as { error: { code: string } }).error.code}` : String(res.statusCode);
          tally.set(code, (tally.get(code) ?? 0) + 1);
        }),
        { numRuns: RUNS, seed: SEED + index, timeout: 20_000 },
      );
      // What the runs reached, to see that the fuzz gets past the door (SORI_FUZZ_STATS=1).
      if (process.env['SORI_FUZZ_STATS']) console.log(name, JSON.stringify(Object.fromEntries([...tally].sort())));
    });
  }

  it(`answers CORS preflights (OPTIONS) on every path without a 5xx, every 4xx in the one JSON error shape (seed ${SEED})`, { timeout: 170_000 }, async () => {
    const preflight = fc
      .record({
        path: fc.constantFrom('/v1/submissions', '/v1/reporter/messages', '/v1/reporter/events', '/v1/site', `/v1/submissions/${world.ids[0]}/rating`, '/v1/desk/submissions', '/nowhere'),
        origin: fc.option(fc.constantFrom(STORE_ORIGIN, STORE_ORIGIN, 'https://evil.example', 'null'), { nil: undefined, freq: 3 }),
        method: fc.option(fc.constantFrom('POST', 'GET', 'DELETE', 'garbage'), { nil: undefined, freq: 2 }),
        headers: fc.option(fc.constantFrom('content-type, x-sori-site, x-sori-reporter', 'authorization', 'x-evil'), { nil: undefined, freq: 2 }),
      })
      .map(({ path, origin, method, headers }): Shot => ({
        method: 'OPTIONS',
        url: path,
        headers: Object.fromEntries(
          Object.entries<string | undefined>({ origin, 'access-control-request-method': method, 'access-control-request-headers': headers }).filter((entry): entry is [string, string] => entry[1] !== undefined),
        ),
      }));
    await fc.assert(
      fc.asyncProperty(preflight, async (shot) => checkAnswer(shot, await fire(t.app, shot))),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it(`answers users added at the same moment with the same email once 201 and else 409, never a 5xx (seed ${SEED})`, { timeout: 170_000 }, async () => {
    const admin = await t.adminToken();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z0-9]{1,20}$/), fc.integer({ min: 2, max: 4 }), async (name, together) => {
        // A new address each run, shrinking included: one already taken would answer 409 to all.
        const email = `run${++run}.${name}@shop.example`;
        const shot: Shot = { method: 'POST', url: '/v1/desk/users', headers: { authorization: `Bearer ${admin}` }, body: { payload: JSON.stringify({ email, role: 'agent', password: 'long enough password' }), contentType: 'application/json' } };
        const answers = await Promise.all(Array.from({ length: together }, () => fire(t.app, shot)));
        for (const answer of answers) checkAnswer(shot, answer);
        const statuses = answers.map((answer) => answer.statusCode).sort();
        expect(statuses, email).toEqual([201, ...Array.from({ length: together - 1 }, () => 409)]);
      }),
      { numRuns: 8, seed: SEED },
    );
  });
});

describe('requests Node refuses before any route (a real socket on 127.0.0.1)', () => {
  let t: TestContext;
  let port: number;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
    port = Number(new URL(await t.app.listen({ port: 0, host: '127.0.0.1' })).port);
  }, 60_000);
  afterAll(() => t.close());

  /** Writes `raw` to the server and reads the answer until the server closes or a full answer came. */
  const exchange = (raw: string) =>
    new Promise<{ statusCode: number; headers: Record<string, string>; body: string }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        const end = text.indexOf('\r\n\r\n');
        const length = /content-length: *(\d+)/i.exec(text.slice(0, end));
        if (end >= 0 && length && text.length >= end + 4 + Number(length[1])) socket.end();
      });
      socket.on('error', reject);
      socket.on('close', () => {
        const [head = '', ...rest] = text.split('\r\n\r\n');
        const [status = '', ...lines] = head.split('\r\n');
        const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
        resolve({ statusCode: Number(status.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
      });
      socket.end(raw);
    });

  const cases: Array<[string, string]> = [
    ['bad percent-encoding in the path', 'GET /v1/desk/submissions/%E0%A4%A HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'],
    ['bad percent-encoding in a shopper path', 'POST /v1/submissions/%zz/rating HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'],
    ['a URL of 100 KB', `GET /v1/desk/submissions?q=${'x'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`],
    ['a header of 64 KB', `GET /v1/site HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'y'.repeat(64 * 1024)}\r\nConnection: close\r\n\r\n`],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
  ];
  it.each(cases)('answers %s with a 4xx in the one JSON error shape', { timeout: 60_000 }, async (_name, raw) => {
    const answer = await exchange(raw);
    checkAnswer({ method: 'GET', url: raw.slice(0, 120), headers: {} }, answer);
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
  });
});
