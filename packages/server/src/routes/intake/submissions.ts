import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorBody, PATHS, SiteConfig, SubmissionBatch, SubmissionBatchResult } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { siteConfig } from '../../services/sites.js';
import { GroupCommit } from '../../services/group-commit.js';
import { storeSubmissions } from '../../services/submissions.js';

/** `POST /v1/submissions` and `GET /v1/site`: what the widget sends and what it needs to know. */
export default async function intakeRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const writes = new GroupCommit(app.store.db);

  app.post(
    PATHS.submissions,
    {
      schema: {
        summary: 'Send a batch of 1–50 items from one reporter',
        body: SubmissionBatch,
        response: { 200: SubmissionBatchResult, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const site = await app.resolveSite(request);
      const reporterId = await app.resolveReporter(request, site);
      const results = await writes.run((trx) => storeSubmissions(trx, site, reporterId, request.body.items));
      if (results.some((r) => r.result === 'accepted')) app.hub.notify(reporterId);
      return { results };
    },
  );

  app.get(
    PATHS.site,
    { schema: { summary: "The site's kinds, products and SLA targets", response: { 200: SiteConfig, '4xx': ErrorBody } } },
    async (request) => siteConfig(await app.resolveSite(request)),
  );
}
