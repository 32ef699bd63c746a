import type { FastifyInstance } from 'fastify';
import dataRoutes from './data.js';
import eventRoutes, { type EventRouteOptions } from './events.js';
import messageRoutes from './messages.js';
import streamTicketRoutes from './stream-tickets.js';
import submissionRoutes from './submissions.js';

/** The reporter's own things: `/v1/reporter/*`. */
export default async function reporterRoutes(app: FastifyInstance, options: EventRouteOptions): Promise<void> {
  await app.register(submissionRoutes);
  await app.register(messageRoutes);
  await app.register(streamTicketRoutes);
  await app.register(eventRoutes, options);
  await app.register(dataRoutes);
}
