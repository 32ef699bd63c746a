import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PATHS, type SubmissionBatchResult } from '@sori/protocol';

/** How the proxy loses an answer the server gave. */
export type LossMode = 'reset' | 'close' | 'cut';

/** What passed through the proxy: every answer the server gave to a batch, kept or lost. */
export interface ProxiedAnswer {
  lost: LossMode | undefined;
  status: number;
  results: SubmissionBatchResult['results'] | undefined;
}

/** Options of {@link startLossyProxy}. */
export interface LossyProxyOptions {
  /** The app behind, e.g. `http://127.0.0.1:4321`. */
  target: string;
  /** Whether to lose this answer, asked once per `POST /v1/submissions` after the server answered. */
  lose: () => LossMode | undefined;
}

/** A proxy on 127.0.0.1 that loses some answers to `POST /v1/submissions` after the server gave them. */
export interface LossyProxy {
  base: string;
  answers: ProxiedAnswer[];
  close(): Promise<void>;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { connection: _c, 'transfer-encoding': _t, 'keep-alive': _k, ...rest } = headers;
  return rest;
}

/**
 * Forwards every request to `target` and, for the batches `lose` picks, loses the answer once the
 * server has given it in full — so the write is committed and the client never hears of it:
 * `reset` drops the connection with a RST, `close` with a FIN before a byte, `cut` sends the
 * status and half the body and then closes.
 */
export async function startLossyProxy(options: LossyProxyOptions): Promise<LossyProxy> {
  const answers: ProxiedAnswer[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readAll(req);
      const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
        const out = request(`${options.target}${req.url ?? '/'}`, { method: req.method, headers: forwardable(req.headers), agent: false }, resolve);
        out.on('error', reject);
        out.end(body);
      });
      const answer = await readAll(upstream);
      const status = upstream.statusCode ?? 502;
      const headers = { ...forwardable(upstream.headers), 'content-length': String(answer.length) };
      if (req.method !== 'POST' || req.url !== PATHS.submissions) {
        res.writeHead(status, headers).end(answer);
        return;
      }
      const lost = options.lose();
      let results: ProxiedAnswer['results'];
      try {
        results = status === 200 ? (JSON.parse(answer.toString()) as SubmissionBatchResult).results : undefined;
      } catch {
        results = undefined;
      }
      answers.push({ lost, status, results });
      if (lost === 'reset') return req.socket.resetAndDestroy();
      if (lost === 'close') return req.socket.destroy();
      if (lost === 'cut') {
        res.writeHead(status, headers);
        res.write(answer.subarray(0, Math.floor(answer.length / 2)));
        // End the socket after what was written: the client sees a body shorter than announced.
        req.socket.end();
        return;
      }
      res.writeHead(status, headers).end(answer);
    })().catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
