import type { Improvement, ImprovementList, ImprovementPatch, ImprovementQuery, ImprovementResult, NewImprovement } from '@sori/protocol';
import { desk } from '../api/client.js';

/** Improvements by department, with their counts. */
export function fetchImprovements(query: ImprovementQuery = {}): Promise<ImprovementList> {
  return desk<ImprovementList>('GET', '/v1/desk/improvements', { query: { ...query } });
}

/** Starts an improvement with the submissions behind it. */
export async function createImprovement(input: NewImprovement): Promise<Improvement> {
  return (await desk<ImprovementResult>('POST', '/v1/desk/improvements', { body: input })).improvement;
}

/** Changes an improvement (marking it done tells every linked shopper). */
export async function patchImprovement(id: string, patch: ImprovementPatch): Promise<Improvement> {
  return (await desk<ImprovementResult>('PATCH', `/v1/desk/improvements/${encodeURIComponent(id)}`, { body: patch })).improvement;
}

/** Adds submissions behind an improvement. */
export async function linkToImprovement(id: string, submissionIds: string[]): Promise<Improvement> {
  return (await desk<ImprovementResult>('POST', `/v1/desk/improvements/${encodeURIComponent(id)}/submissions`, { body: { submissionIds } })).improvement;
}
