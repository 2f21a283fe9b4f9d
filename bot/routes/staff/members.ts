import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { membersByRules } from '../../domain/members-admin/by-rules.ts';
import { fixMemberRecord } from '../../domain/members-admin/edit.ts';
import { memberDetail, memberPointsHistory, memberPurchases } from '../../domain/members-admin/page.ts';
import { eraseMember, exportPersonalData } from '../../domain/members-admin/pdpa.ts';
import { searchMembers } from '../../domain/members-admin/search.ts';
import { checkRules } from '../../domain/segments/rules.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  BeforeQuery,
  MemberDetailView,
  MemberEraseBody,
  MemberFilterBody,
  MemberFilterPage,
  MemberFixBody,
  MemberFixResult,
  MemberSearchPage,
  MemberSearchQuery,
  PointsHistoryView,
  PurchasesView,
} from '../../schemas/members-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';
import { detailView, historyView, purchasesView, rowView } from './member-views.ts';

/**
 * Members in the console (issue 16, point 1): find them, list them by segment rules, open one, fix their record,
 * hand over or erase their personal data. Each within the staff member's stores (members-admin/scope.ts): a
 * member out of scope answers 404.
 */
export const memberRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const readers = requireStaff('member.read');
  const personal = requireStaff('member.personal_data');

  app.get(
    '/members',
    { onRequest: readers, schema: { querystring: MemberSearchQuery, response: { 200: MemberSearchPage } } },
    async (request) => {
      const { q = '', offset } = request.query;
      const page = await searchMembers(app.engine, actorOf(request), { q, offset }, app.clock.now());
      return { members: page.members.map(rowView), nextOffset: page.nextOffset };
    },
  );

  app.post(
    '/members/filter',
    { onRequest: readers, schema: { body: MemberFilterBody, response: { 200: MemberFilterPage } } },
    async (request) => {
      const rule = checkRules(request.body.rules);
      const page = { after: request.body.after };
      const found = await membersByRules(app.engine, actorOf(request), rule, page, app.clock.now());
      return { members: found.members.map(rowView), nextAfter: found.nextAfter };
    },
  );

  app.get(
    '/members/:id',
    { onRequest: readers, schema: { params: IdParams, response: { 200: MemberDetailView } } },
    async (request) =>
      detailView(await memberDetail(app.engine, actorOf(request), request.params.id, app.clock.now())),
  );

  app.get(
    '/members/:id/points',
    {
      onRequest: readers,
      schema: { params: IdParams, querystring: BeforeQuery, response: { 200: PointsHistoryView } },
    },
    async (request) =>
      historyView(
        await memberPointsHistory(app.engine, actorOf(request), request.params.id, request.query.before),
      ),
  );

  app.get(
    '/members/:id/purchases',
    {
      onRequest: readers,
      schema: { params: IdParams, querystring: BeforeQuery, response: { 200: PurchasesView } },
    },
    async (request) =>
      purchasesView(
        await memberPurchases(app.engine, actorOf(request), request.params.id, request.query.before),
      ),
  );

  app.patch(
    '/members/:id',
    {
      onRequest: requireStaff('member.edit'),
      schema: { params: IdParams, body: MemberFixBody, response: { 200: MemberFixResult } },
    },
    async (request) =>
      fixMemberRecord(app.engine, actorOf(request), request.params.id, request.body, app.clock.now()),
  );

  app.get(
    '/members/:id/personal-data',
    { onRequest: personal, schema: { params: IdParams } },
    async (request, reply) => {
      const data = await exportPersonalData(app.engine, actorOf(request), request.params.id, app.clock.now());
      return reply
        .header('content-disposition', `attachment; filename="member-${request.params.id}.json"`)
        .send(data);
    },
  );

  app.post(
    '/members/:id/erase',
    { onRequest: personal, schema: { params: IdParams, body: MemberEraseBody } },
    async (request, reply) => {
      const { id } = request.params;
      await eraseMember(app.engine, actorOf(request), id, request.body.confirm, app.clock.now());
      return reply.code(204).send();
    },
  );
};
