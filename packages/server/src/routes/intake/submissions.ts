import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PATHS, SubmissionBatch, SubmissionBatchResult, type SubmissionResult } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import type { BatchWork } from '../../services/group-commit.js';
import type { ReporterRef } from '../../services/reporters.js';
import type { Site } from '../../services/sites.js';
import { storeSubmissionBatches } from '../../services/submissions.js';

/** One request's batch, waiting for its group commit. */
interface IntakeRequest {
  site: Site;
  reporter: ReporterRef;
  submissions: unknown[];
}

/** `POST /v1/submissions`: a reporter's batch, stored durably before it is acknowledged. */
export default async function submissionRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  // One function for every request, so that a group commit hands it all of them at once: the
  // first-time shoppers' reporters, then every submission, each with one statement.
  const storeIntake: BatchWork<IntakeRequest, SubmissionResult[]> = async (unit, requests) => {
    const reporterIds = await app.reporters.store(unit, requests.map((r) => r.reporter));
    return storeSubmissionBatches(
      unit,
      requests.map((r, i) => ({ site: r.site, reporterId: reporterIds[i] ?? '', submissions: r.submissions })),
    );
  };

  app.post(
    PATHS.submissions,
    {
      config: { shopper: 'intake' },
      schema: {
        summary: 'Send a batch of 1–50 submissions from one reporter',
        body: SubmissionBatch,
        response: { 200: SubmissionBatchResult, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { site, reporter } = request;
      const results = await app.batchTransaction(storeIntake, { site, reporter, submissions: request.body.submissions });
      return { results };
    },
  );
}
