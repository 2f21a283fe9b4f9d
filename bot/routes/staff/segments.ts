import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import { countSegment } from '../../domain/segments/count.ts';
import { checkRules } from '../../domain/segments/rules.ts';
import {
  createSegment,
  deleteSegment,
  listSegments,
  type Segment,
  updateSegment,
} from '../../domain/segments/saved.ts';
import { createTag, listTags, type Tag, tagMember, tagsOf, untagMember } from '../../domain/segments/tags.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  CountBody,
  MemberTagChange,
  MemberTagParams,
  NewSegmentBody,
  NewTagBody,
  SegmentChangesBody,
  SegmentCountView,
  SegmentView,
  TagView,
} from '../../schemas/segments-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

const segmentView = (s: Segment) => ({
  id: s.id,
  name: s.name,
  rules: s.rules as unknown as Record<string, unknown>,
  createdBy: s.createdBy,
  updatedAt: s.updatedAt.toISOString(),
});
const tagView = (t: Tag) => ({
  id: t.id,
  name: t.name,
  kind: t.kind,
  rules: t.rules as Record<string, unknown> | null,
  refreshedAt: t.refreshedAt?.toISOString() ?? null,
});
/** SEGMENT_NOT_FOUND is not in bot/domain/errors.ts' refusals yet: answered here in the same body shape. */
const noSegment = (reply: FastifyReply) =>
  reply.code(404).send({ code: 'SEGMENT_NOT_FOUND', message: '找不到這個分眾。(No such segment)' });

/** Segments (read by managers, saved by marketers and admins), the live count, and tags on members. */
export const segmentRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const readers = requireStaff('segment.read');
  const editors = requireStaff('segment.edit');

  app.post(
    '/segments/count',
    { onRequest: readers, schema: { body: CountBody, response: { 200: SegmentCountView } } },
    async (request) => countSegment(app.engine, checkRules(request.body.rules), app.clock.now()),
  );

  app.get(
    '/segments',
    { onRequest: readers, schema: { response: { 200: Type.Array(SegmentView) } } },
    async (request) => (await listSegments(app.engine, actorOf(request))).map(segmentView),
  );

  app.post(
    '/segments',
    { onRequest: editors, schema: { body: NewSegmentBody, response: { 201: SegmentView } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(segmentView(await createSegment(app.engine, request.body, actorOf(request), app.clock.now()))),
  );

  app.patch(
    '/segments/:id',
    {
      onRequest: editors,
      schema: { params: IdParams, body: SegmentChangesBody, response: { 200: SegmentView } },
    },
    async (request, reply) => {
      const segment = await updateSegment(
        app.engine,
        request.params.id,
        request.body,
        actorOf(request),
        app.clock.now(),
      );
      return segment ? segmentView(segment) : noSegment(reply);
    },
  );

  app.delete('/segments/:id', { onRequest: editors, schema: { params: IdParams } }, async (request, reply) =>
    (await deleteSegment(app.engine, request.params.id, actorOf(request), app.clock.now()))
      ? reply.code(204).send()
      : noSegment(reply),
  );

  app.get(
    '/tags',
    { onRequest: readers, schema: { response: { 200: Type.Array(TagView) } } },
    async (request) => (await listTags(app.engine, actorOf(request))).map(tagView),
  );

  app.post(
    '/tags',
    { onRequest: editors, schema: { body: NewTagBody, response: { 201: TagView } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(tagView(await createTag(app.engine, request.body, actorOf(request), app.clock.now()))),
  );

  app.get(
    '/members/:id/tags',
    { onRequest: readers, schema: { params: IdParams, response: { 200: Type.Array(TagView) } } },
    async (request) => (await tagsOf(app.engine, request.params.id)).map(tagView),
  );

  app.post(
    '/members/:id/tags/:tagId',
    {
      onRequest: requireStaff('member_tag.edit'),
      schema: { params: MemberTagParams, response: { 200: MemberTagChange } },
    },
    async (request) => ({
      changed: await tagMember(
        app.engine,
        request.params.id,
        request.params.tagId,
        actorOf(request),
        app.clock.now(),
      ),
    }),
  );

  app.delete(
    '/members/:id/tags/:tagId',
    {
      onRequest: requireStaff('member_tag.edit'),
      schema: { params: MemberTagParams, response: { 200: MemberTagChange } },
    },
    async (request) => ({
      changed: await untagMember(
        app.engine,
        request.params.id,
        request.params.tagId,
        actorOf(request),
        app.clock.now(),
      ),
    }),
  );
};
