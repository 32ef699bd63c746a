import type { FastifyInstance } from 'fastify';
import ratingRoutes from './rating.js';
import siteRoutes from './site.js';
import submissionRoutes from './submissions.js';

/** What the widget sends and needs to know: `/v1/submissions*` and `/v1/site`. */
export default async function intakeRoutes(app: FastifyInstance): Promise<void> {
  await app.register(submissionRoutes);
  await app.register(ratingRoutes);
  await app.register(siteRoutes);
}
