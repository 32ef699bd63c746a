import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErasureResult, ErrorBody, PATHS, PersonData } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { eraseSubmissions, exportPerson, reporterSubmissionIds } from '../../services/erasure.js';

/** Why a shopper's own erasure happened, as the timeline keeps it. */
const SHOPPER_REASON = "Deleted by the shopper from the widget ('delete my data')";

/** The shopper's own "download my data" and "delete my data", for this browser's reporter only. */
export default async function dataRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    PATHS.reporterData,
    {
      config: { shopper: 'reporter' },
      schema: { summary: "Everything stored about this browser's reporter that is theirs to see, as JSON", response: { 200: PersonData, '4xx': ErrorBody } },
    },
    async (request) => app.transaction((unit) => exportPerson(unit, [request.reporterId], { reporter: true })),
  );

  app.post(
    PATHS.reporterErasure,
    {
      config: { shopper: 'reporter' },
      schema: {
        summary: "Erase what this browser's reporter wrote and who they are, on every submission of theirs; pending emails to them are cancelled",
        body: Type.Object({ confirm: Type.Literal(true) }, { additionalProperties: false }),
        response: { 200: ErasureResult, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const ids = await reporterSubmissionIds(app.store.db, request.reporterId);
      return app.transaction((unit) => eraseSubmissions(unit, ids, SHOPPER_REASON, { reporter: true }));
    },
  );
}
