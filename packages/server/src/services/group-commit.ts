import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { UnitOfWork, type Publish, type Work } from './unit-of-work.js';

/**
 * Work done for many callers at once: handed every item queued for it in one commit, in order,
 * it answers one result per item, in the same order. Intake writes a commit's submissions with
 * one statement per table this way.
 */
export type BatchWork<I, R> = (unit: UnitOfWork, items: I[]) => Promise<R[]>;

interface Job<T> {
  /** Work of its own, run in turn with the others'. */
  work?: Work<T>;
  /** Or one item for a batch shared with the other jobs of the same batch in the commit. */
  batch?: { work: BatchWork<unknown, T>; item: unknown };
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive while a commit is under way wait for it, then share the next
 * transaction, so one disk sync acknowledges many requests. Each caller's promise settles only
 * after the commit that holds its write, so nothing is acknowledged before it is durable.
 *
 * If a shared transaction fails, its jobs are run again one transaction each, so one bad write
 * cannot fail its neighbours. Effects are published per commit that succeeded, so work of the
 * failed attempt is never published, and work that succeeds on its retry is published once.
 */
export class GroupCommit {
  private queue: Array<Job<unknown>> = [];
  private running = false;
  /** Transactions committed so far (for benchmarks and health figures). */
  commits = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly publish: Publish,
    /** Jobs in one transaction at most. */
    private readonly maxJobs = 256,
  ) {}

  /** Runs `work` in a shared transaction; resolves with its result after the commit. */
  run<T>(work: Work<T>): Promise<T> {
    return this.enqueue<T>({ work });
  }

  /**
   * Hands `item` to `batch` in the next shared transaction, together with every other item queued
   * for the same `batch` meanwhile; resolves with the item's own result after the commit.
   */
  runBatched<I, R>(batch: BatchWork<I, R>, item: I): Promise<R> {
    // Items of one batch function are only ever handed back to it: the queue forgets their type.
    return this.enqueue<R>({ batch: { work: batch as BatchWork<unknown, R>, item } });
  }

  private enqueue<T>(job: Pick<Job<T>, 'work' | 'batch'>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The queue holds jobs of every result type; each job's own promise keeps its type.
      this.queue.push({ ...job, resolve: resolve as (value: unknown) => void, reject } as Job<unknown>);
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    // Let requests that arrived in the same tick join the first transaction too.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        const jobs = this.queue.splice(0, this.maxJobs);
        await this.commit(jobs);
      }
    } finally {
      this.running = false;
    }
  }

  private async commit(jobs: Array<Job<unknown>>): Promise<void> {
    try {
      const { works, settle } = plan(jobs);
      const results = await UnitOfWork.commit(this.db, works, this.publish);
      this.commits++;
      settle.forEach((deliver, i) => deliver(results[i]));
    } catch (error) {
      if (jobs.length === 1) {
        jobs[0]?.reject(error);
        return;
      }
      for (const job of jobs) await this.commit([job]);
    }
  }
}

/**
 * The pieces of work of one commit: each job of its own in turn, and each batch once, where its
 * first item was queued, with all its items; and how each piece's result reaches its jobs.
 */
function plan(jobs: Array<Job<unknown>>): { works: Array<Work<unknown>>; settle: Array<(result: unknown) => void> } {
  const works: Array<Work<unknown>> = [];
  const settle: Array<(result: unknown) => void> = [];
  const batches = new Map<BatchWork<unknown, unknown>, Array<Job<unknown>>>();
  for (const job of jobs) {
    if (job.work) {
      works.push(job.work);
      settle.push(job.resolve);
      continue;
    }
    if (!job.batch) continue;
    const { work } = job.batch;
    let members = batches.get(work);
    if (!members) {
      const group: Array<Job<unknown>> = (members = []);
      batches.set(work, group);
      works.push((unit) => work(unit, group.map((member) => member.batch?.item)));
      settle.push((results) => {
        // A batch answers one result per item, in order (BatchWork's contract).
        const answers = results as unknown[];
        group.forEach((member, i) => member.resolve(answers[i]));
      });
    }
    members.push(job);
  }
  return { works, settle };
}
