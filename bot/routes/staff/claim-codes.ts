import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { issueClaimCode } from '../../domain/claim-codes.ts';
import { DomainError } from '../../domain/errors.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { ClaimCodeBody, ClaimCodeView } from '../../schemas/claim-codes-api.ts';

/** A one-time code for an in-store member to claim their membership in LINE, issued at the clerk's store. */
export const claimCodeRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/claim-codes',
    {
      onRequest: requireStaff('claim_code.issue'),
      schema: { body: ClaimCodeBody, response: { 200: ClaimCodeView } },
    },
    async (request) => {
      const storeId = request.staff.storeId;
      if (storeId === null) throw new DomainError('NO_STORE', 'Choose a store to work at the counter');
      const issued = await issueClaimCode(
        app.engine,
        request.body,
        { ...actorOf(request), storeId },
        app.clock.now(),
      );
      return { ...issued, expiresAt: issued.expiresAt.toISOString() };
    },
  );
};
