import { ERROR_CODES } from '@sori/protocol';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Body } from './fuzz-kit.js';

/** The one rule every fuzzed answer is held to, and how a fuzzed request is sent. */

/** One request the fuzz sends. */
export interface Shot {
  method: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  body?: Body | undefined;
}

/** Sends a shot through `app.inject`, giving up (as a failure) after `ms`: a hang is a bug too. */
export async function fire(app: FastifyInstance, shot: Shot, ms = 15_000): Promise<LightMyRequestResponse> {
  const headers = { ...shot.headers, ...(shot.body?.contentType ? { 'content-type': shot.body.contentType } : {}) };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms to ${describeShot(shot)}`)), ms);
  });
  const injected = app.inject({ method: shot.method, url: shot.url, headers, ...(shot.body ? { payload: shot.body.payload } : {}) });
  return Promise.race([injected, late]).finally(() => clearTimeout(timer));
}

const cut = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

function describeShot(shot: Shot): string {
  const body = shot.body ? ` body (${shot.body.contentType}): ${cut(String(shot.body.payload))}` : '';
  return `${shot.method} ${cut(shot.url)} headers ${cut(JSON.stringify(shot.headers))}${body}`;
}

const CODES = new Set<string>(ERROR_CODES);

/**
 * The rule every answer keeps: never a 5xx; a 4xx is JSON `{ error: { code, message, field? } }`
 * with a registered code and a message that says something; a JSON 2xx parses.
 */
export function checkAnswer(shot: Shot, res: { statusCode: number; headers: Record<string, unknown>; body: string }): void {
  const what = () => `${describeShot(shot)}\n→ ${res.statusCode} ${String(res.headers['content-type'] ?? '')} ${cut(res.body, 600)}`;
  if (res.statusCode >= 500) throw new Error(`a ${res.statusCode}: ${what()}`);
  const json = String(res.headers['content-type'] ?? '').includes('application/json');
  if (shot.method === 'HEAD' || res.statusCode === 204 || res.statusCode < 400) {
    if (json && res.body !== '' && shot.method !== 'HEAD') {
      try {
        JSON.parse(res.body);
      } catch {
        throw new Error(`JSON that does not parse: ${what()}`);
      }
    }
    return;
  }
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    throw new Error(`a ${res.statusCode} that is not JSON: ${what()}`);
  }
  if (!json) throw new Error(`a ${res.statusCode} not labelled application/json: ${what()}`);
  const error = body && typeof body === 'object' && 'error' in body ? (body as { error: unknown }).error : undefined;
  const fields = error && typeof error === 'object' ? (error as Record<string, unknown>) : undefined;
  const shapeOk =
    fields !== undefined &&
    Object.keys(body as object).length === 1 &&
    typeof fields['code'] === 'string' &&
    CODES.has(fields['code']) &&
    typeof fields['message'] === 'string' &&
    fields['message'].trim() !== '' &&
    (fields['field'] === undefined || typeof fields['field'] === 'string') &&
    Object.keys(fields).every((key) => key === 'code' || key === 'message' || key === 'field');
  if (!shapeOk) throw new Error(`a ${res.statusCode} not in the shape { error: { code, message, field? } }: ${what()}`);
}
