import type { ErrorDetail } from '@sori/protocol';
import type { Static, TSchema } from 'typebox';
import { Compile } from 'typebox/compile';

/** Dotted field name from a JSON pointer: `/contact/email` → `contact.email`. */
function fieldOf(instancePath: string): string {
  return instancePath.replace(/^\//, '').replaceAll('/', '.');
}

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** One readable sentence for the first problem TypeBox found. */
function describe(errors: SchemaError[]): ErrorDetail {
  const extra = errors.find((e) => e.keyword === 'additionalProperties');
  if (extra) {
    const names = (extra.params['additionalProperties'] as string[] | undefined) ?? [];
    const field = [fieldOf(extra.instancePath), names[0]].filter(Boolean).join('.');
    return { code: 'invalid', field, message: `Unknown field "${field}"` };
  }
  const first = errors.find((e) => e.keyword !== 'boolean' && e.keyword !== 'const' && e.keyword !== 'anyOf') ?? errors[0];
  if (!first) return { code: 'invalid', message: 'Invalid input' };
  const field = fieldOf(first.instancePath);
  if (first.keyword === 'enum') {
    const allowed = (first.params['allowedValues'] as unknown[] | undefined)?.join(', ') ?? '';
    return { code: 'invalid', field, message: `"${field}" must be one of: ${allowed}` };
  }
  if (first.keyword === 'required') {
    const missing = (first.params['requiredProperties'] as string[] | undefined)?.[0] ?? '';
    const name = [field, missing].filter(Boolean).join('.');
    return { code: 'invalid', field: name, message: `"${name}" is required` };
  }
  return field
    ? { code: 'invalid', field, message: `"${field}" ${first.message}` }
    : { code: 'invalid', message: `Input ${first.message}` };
}

/** What a {@link validator} answers: the typed value, or why it is not one. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: ErrorDetail };

/** A compiled check that answers either the typed value or a readable {@link ErrorDetail}. */
export function validator<T extends TSchema>(schema: T): (value: unknown) => Checked<Static<T>> {
  const compiled = Compile(schema);
  return (value) => {
    if (compiled.Check(value)) return { ok: true, value };
    return { ok: false, error: describe([...compiled.Errors(value)] as SchemaError[]) };
  };
}

/** The client id of one submission or message of a batch, even of one that fails its schema (its result must name it). */
export function clientIdOf(raw: unknown): string {
  return raw && typeof raw === 'object' && 'clientId' in raw ? String(raw.clientId) : '';
}

/** The result of one submission or message of a batch that was refused, and why. */
export interface Rejected {
  clientId: string;
  result: 'rejected';
  error: ErrorDetail;
}

/** Refuses one submission or message of a batch. */
export function rejected(clientId: string, error: ErrorDetail): Rejected {
  return { clientId, result: 'rejected', error };
}

/**
 * Goes through a batch one entry at a time, in order: an entry that fails `check` is rejected
 * with the reason, and `store` decides about each valid one (it may reject it too). One bad entry
 * never stops the rest of the batch.
 */
export async function eachChecked<T, R>(
  batch: unknown[],
  check: (raw: unknown) => Checked<T>,
  store: (value: T) => Promise<R | Rejected>,
): Promise<Array<R | Rejected>> {
  const results: Array<R | Rejected> = [];
  for (const raw of batch) {
    const checked = check(raw);
    results.push(checked.ok ? await store(checked.value) : rejected(clientIdOf(raw), checked.error));
  }
  return results;
}
