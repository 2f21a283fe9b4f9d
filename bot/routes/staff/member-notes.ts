import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { addMemberNote } from '../../domain/chat/notes.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { MemberIdParams, NewNoteBody, NoteView } from '../../schemas/chat-admin-api.ts';

/** A staff note on a member the staff member may see; audited as member_note.add. */
export const memberNoteRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/members/:memberId/notes',
    {
      onRequest: requireStaff('member_note.edit'),
      schema: { params: MemberIdParams, body: NewNoteBody, response: { 201: NoteView } },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addMemberNote(
            app.engine,
            request.params.memberId,
            request.body,
            actorOf(request),
            app.clock.now(),
          ),
        ),
  );
};
