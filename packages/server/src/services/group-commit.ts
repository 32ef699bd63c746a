import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { UnitOfWork, type Publish, type Work } from './unit-of-work.js';

interface Job<T> {
  work: Work<T>;
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
    return new Promise<T>((resolve, reject) => {
      // The queue holds jobs of every result type; each job's own promise keeps its type.
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
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
      const results = await UnitOfWork.commit(this.db, jobs.map((job) => job.work), this.publish);
      this.commits++;
      jobs.forEach((job, i) => job.resolve(results[i]));
    } catch (error) {
      if (jobs.length === 1) {
        jobs[0]?.reject(error);
        return;
      }
      for (const job of jobs) await this.commit([job]);
    }
  }
}
