import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { claimMembership } from '../../domain/claims.ts';
import { currentConsent } from '../../domain/consent.ts';
import {
  friendAndMembership,
  joinMembership,
  memberOf,
  updateProfile,
  viewMember,
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
const JoinBody = Type.Object(
  {
    phone: Type.String(),
    name: Type.String(),
    birthday: Type.String(),
    gender: Type.Optional(Gender),
    email: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    homeStoreId: Type.Integer(),
    ...Consent,
  },
  { additionalProperties: false },
);
const ClaimBody = Type.Object(
  {
    phone: Type.String(),
    birthday: Type.Optional(Type.String()),
    claimCode: Type.Optional(Type.String()),
    ...Consent,
  },
  { additionalProperties: false },
);
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
    const { friend, member } = await friendAndMembership(app.engine, request.lineUserId);
    return {
      lineUserId: request.lineUserId,
      displayName: friend?.displayName ?? null,
      language: languageOf(friend?.language),
      member,
    };
  });

  app.get('/join-form', async (): Promise<JoinFormResponse> => {
    const stores = (await activeStores(app.engine)).map(({ id, code, name }) => ({ id, code, name }));
    return { stores, ...currentConsent };
  });

  // LINE follows once the membership is committed: the menu and the welcome are never inside its transaction.
  app.post('/members', { schema: { body: JoinBody } }, async (request, reply) => {
    const member = await joinMembership(app.engine, request.lineUserId, request.body, app.clock.now());
    await app.memberships.joined(member, request.log);
    return reply.code(201).send(await viewMember(app.engine, member));
  });

  app.post('/members/claim', { schema: { body: ClaimBody } }, async (request) => {
    const member = await claimMembership(app.engine, request.lineUserId, request.body, app.clock.now());
    await app.memberships.joined(member, request.log);
    return viewMember(app.engine, member);
  });

  app.patch('/members/me', { schema: { body: ProfileBody } }, async (request) => {
    const member = await memberOf(app.engine, request.lineUserId);
    const updated = await updateProfile(app.engine, member, request.body, app.clock.now());
    return viewMember(app.engine, updated);
  });

  app.get('/members/me/export', async (request, reply) => {
    const member = await memberOf(app.engine, request.lineUserId);
    const now = app.clock.now();
    reply.header(
      'content-disposition',
      `attachment; filename="member-${member.memberNumber}-${now.toISOString().slice(0, 10)}.json"`,
    );
    return exportMemberData(app.engine, member, now);
  });

  app.delete('/members/me', async (request, reply) => {
    const member = await memberOf(app.engine, request.lineUserId);
    await deleteMembership(app.engine, member, app.clock.now());
    await app.memberships.left(request.lineUserId, request.log);
    return reply.code(204).send();
  });

  app.post('/members/me/unbind', async (request, reply) => {
    const member = await memberOf(app.engine, request.lineUserId);
    await unbindMembership(app.engine, member, app.clock.now());
    await app.memberships.left(request.lineUserId, request.log);
    return reply.code(204).send();
  });
};
