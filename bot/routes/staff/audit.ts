import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { auditPage } from '../../domain/audit-log.ts';
import { requireStaff } from '../../plugins/staff-session.ts';
import { AuditPage, AuditQuery } from '../../schemas/staff-api.ts';

/** The audit log for admins: newest first, `?before=<nextBefore>` for the next page, filters by staff, store, action. */
export const auditRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/audit',
    {
      onRequest: requireStaff('audit.read'),
      schema: { querystring: AuditQuery, response: { 200: AuditPage } },
    },
    async (request) => auditPage(app.engine, request.query),
  );
};
