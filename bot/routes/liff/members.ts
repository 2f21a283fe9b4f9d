import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { claimMembership } from '../../domain/claims.ts';
import { currentConsent } from '../../domain/consent.ts';
import {
  friendAndMembership,
  joinMembership,
  memberOf,
  profileOf,
  updateProfile,
} from '../../domain/members.ts';
import { deleteMembership, exportMemberData, unbindMembership } from '../../domain/personal-data.ts';
import { activeStores } from '../../domain/stores.ts';
import { languageOf } from '../../line/messages.ts';
import {
  ClaimRequest,
  DataExport,
  JoinFormResponse,
  JoinRequest,
  MemberView,
  MeResponse,
  NoContent,
  ProfileUpdate,
} from '../../schemas/liff-api.ts';
import { memberView } from './views.ts';

/** Joining, claiming, the profile and the member's personal data; LINE follows through `app.memberships`. */
export const memberRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/me', { schema: { response: { 200: MeResponse } } }, async (request) => {
    const { friend, member } = await friendAndMembership(app.engine, request.lineUserId);
    return {
      lineUserId: request.lineUserId,
      displayName: friend?.displayName ?? null,
      language: languageOf(friend?.language),
      member: member && memberView(member),
    };
  });

  app.get('/join-form', { schema: { response: { 200: JoinFormResponse } } }, async () => {
    const stores = (await activeStores(app.engine)).map(({ id, code, name }) => ({ id, code, name }));
    return { stores, ...currentConsent };
  });

  // LINE follows once the membership is committed: the menu and the welcome are never inside its transaction.
  app.post(
    '/members',
    { schema: { body: JoinRequest, response: { 201: MemberView } } },
    async (request, reply) => {
      const member = await joinMembership(app.engine, request.lineUserId, request.body, app.clock.now());
      await app.memberships.joined(member, request.log);
      return reply.code(201).send(memberView(await profileOf(app.engine, member)));
    },
  );

  app.post(
    '/members/claim',
    { schema: { body: ClaimRequest, response: { 200: MemberView } } },
    async (request) => {
      const member = await claimMembership(app.engine, request.lineUserId, request.body, app.clock.now());
      await app.memberships.joined(member, request.log);
      return memberView(await profileOf(app.engine, member));
    },
  );

  app.patch(
    '/members/me',
    { schema: { body: ProfileUpdate, response: { 200: MemberView } } },
    async (request) => {
      const member = await memberOf(app.engine, request.lineUserId);
      const updated = await updateProfile(app.engine, member, request.body, app.clock.now());
      return memberView(await profileOf(app.engine, updated));
    },
  );

  app.get('/members/me/export', { schema: { response: { 200: DataExport } } }, async (request, reply) => {
    const member = await memberOf(app.engine, request.lineUserId);
    const now = app.clock.now();
    reply.header(
      'content-disposition',
      `attachment; filename="member-${member.memberNumber}-${now.toISOString().slice(0, 10)}.json"`,
    );
    return exportMemberData(app.engine, member, now);
  });

  app.delete('/members/me', { schema: { response: { 204: NoContent } } }, async (request, reply) => {
    const member = await memberOf(app.engine, request.lineUserId);
    await deleteMembership(app.engine, member, app.clock.now());
    await app.memberships.left(request.lineUserId, request.log);
    return reply.code(204).send(null);
  });

  app.post('/members/me/unbind', { schema: { response: { 204: NoContent } } }, async (request, reply) => {
    const member = await memberOf(app.engine, request.lineUserId);
    await unbindMembership(app.engine, member, app.clock.now());
    await app.memberships.left(request.lineUserId, request.log);
    return reply.code(204).send(null);
  });
};
