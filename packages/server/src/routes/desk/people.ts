import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErasureResult, ErrorBody, PersonData, PersonErasure, PersonQuery } from '@sori/protocol';
import type { FastifyInstance } from 'fastify';
import { errors } from '../../errors.js';
import { eraseSubmissions, exportPerson, personSubmissions } from '../../services/erasure.js';

/** What no submission matches: said plainly, so an admin knows to look again. */
const nobody = () => errors.notFound('No submission with that email, phone or tracking number; the person');

/** One person's right of access and erasure (admins only, every use recorded in the timelines). */
export default async function peopleRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/v1/desk/people/export',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Everything stored about one person (by email, phone or any tracking number of theirs), as JSON; recorded in each timeline',
        body: PersonQuery,
        response: { 200: PersonData, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { reporterIds } = await personSubmissions(app.store.db, request.body);
      if (reporterIds.length === 0) throw nobody();
      return app.transaction((unit) => exportPerson(unit, reporterIds, { user: request.user }));
    },
  );

  app.post(
    '/v1/desk/people/erasure',
    {
      config: { role: 'admin' },
      schema: {
        summary: 'Erase everything one person wrote and who they are, on every submission of theirs; pending emails to them are cancelled',
        body: PersonErasure,
        response: { 200: ErasureResult, '4xx': ErrorBody },
      },
    },
    async (request) => {
      const { submissionIds } = await personSubmissions(app.store.db, request.body.person);
      if (submissionIds.length === 0) throw nobody();
      return app.transaction((unit) => eraseSubmissions(unit, submissionIds, request.body.reason, { user: request.user }));
    },
  );
}
