import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { claimMembership } from '../../domain/claims.ts';
import { currentConsent } from '../../domain/consent.ts';
import { findFriend } from '../../domain/friends.ts';
import {
  findMemberByLineUser,
  joinMembership,
  memberView,
  requireMember,
  updateProfile,
} from '../../domain/members.ts';
import { deleteMembership, exportMemberData, unbindMembership } from '../../domain/personal-data.ts';
import { activeStores } from '../../domain/stores.ts';
import { languageOf } from '../../line/messages.ts';
import type { JoinFormResponse, MeResponse } from '../../schemas/liff-api.ts';

const Gender = Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('other'), Type.Null()]);
const Consent = {
  acceptTerms: Type.Boolean(),
  termsVersion: Type.String(),
  privacyVersion: Type.String(),
  marketingOptIn: Type.Boolean(),
};
const JoinBody = Type.Object({
  phone: Type.String(),
  name: Type.String(),
  birthday: Type.String(),
  gender: Type.Optional(Gender),
  email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  homeStoreId: Type.Integer(),
  ...Consent,
});
const ClaimBody = Type.Object({ phone: Type.String(), birthday: Type.String(), ...Consent });
const ProfileBody = Type.Object(
  {
    name: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String()),
    email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    gender: Type.Optional(Gender),
    homeStoreId: Type.Optional(Type.Integer()),
    marketingOptIn: Type.Optional(Type.Boolean()),
    birthday: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** Joining, claiming, the profile and the member's personal data; LINE follows through `app.memberships`. */
export const memberRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/me', async (request): Promise<MeResponse> => {
    const friend = findFriend(app.db, request.lineUserId);
    const member = findMemberByLineUser(app.db, request.lineUserId);
    return {
      lineUserId: request.lineUserId,
      displayName: friend?.displayName ?? null,
      language: languageOf(friend?.language),
      member: member ? memberView(app.db, member) : null,
    };
  });

  app.get('/join-form', async (): Promise<JoinFormResponse> => {
    const stores = activeStores(app.db).map(({ id, code, name }) => ({ id, code, name }));
    return { stores, ...currentConsent };
  });

  app.post('/members', { schema: { body: JoinBody } }, async (request, reply) => {
    const member = joinMembership(app.db, request.lineUserId, request.body, app.clock.now());
    await app.memberships.joined(member, request.log);
    return reply.code(201).send(memberView(app.db, member));
  });

  app.post('/members/claim', { schema: { body: ClaimBody } }, async (request) => {
    const member = claimMembership(app.db, request.lineUserId, request.body, app.clock.now());
    await app.memberships.joined(member, request.log);
    return memberView(app.db, member);
  });

  app.patch('/members/me', { schema: { body: ProfileBody } }, async (request) => {
    const member = requireMember(app.db, request.lineUserId);
    return memberView(app.db, updateProfile(app.db, member, request.body, app.clock.now()));
  });

  app.get('/members/me/export', async (request, reply) => {
    const member = requireMember(app.db, request.lineUserId);
    const now = app.clock.now();
    reply.header(
      'content-disposition',
      `attachment; filename="member-${member.memberNumber}-${now.toISOString().slice(0, 10)}.json"`,
    );
    return exportMemberData(app.db, member, now);
  });

  app.delete('/members/me', async (request, reply) => {
    const member = requireMember(app.db, request.lineUserId);
    deleteMembership(app.db, member, app.clock.now());
    await app.memberships.left(request.lineUserId, request.log);
    return reply.code(204).send();
  });

  app.post('/members/me/unbind', async (request, reply) => {
    const member = requireMember(app.db, request.lineUserId);
    unbindMembership(app.db, member, app.clock.now());
    await app.memberships.left(request.lineUserId, request.log);
    return reply.code(204).send();
  });
};
