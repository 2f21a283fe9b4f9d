import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../../db/engine.ts';
import { chatChangesSince } from '../../domain/chat/changes.ts';
import { maySee, type Viewer, viewerOf } from '../../domain/chat/scope.ts';
import { publicRow } from '../../domain/chat/views.ts';
import type { Clock } from '../../domain/clock.ts';
import { drainLoop } from '../../line/drain-loop.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';

/** Heartbeat comments keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/**
 * Each read looks this far behind the newest change it has seen: a transaction may commit a little after a later
 * one (PostgreSQL's READ COMMITTED, several instances), and an incoming message's time is LINE's event time.
 */
const OVERLAP_MS = 5_000;

interface Console {
  viewer: Viewer;
  send(chunk: string): void;
  end(): void;
}

/**
 * The consoles connected to this instance and the one read that feeds them all: on each `chat` signal (from any
 * instance: NOTIFY on PostgreSQL) it reads what changed since the last read, once, and sends each console the rows
 * and messages its session may see (the visibility rule, in memory). Signals that arrive during a read make one
 * more read after it, not one each. What was already sent is remembered by version, so the overlap sends nothing
 * twice.
 */
function chatHub(engine: Engine, clock: Clock, onError: (error: unknown) => void) {
  const consoles = new Set<Console>();
  let since = clock.now().getTime();
  const sentRows = new Map<number, number>();
  const sentMessages = new Map<number, string>();

  async function read(): Promise<void> {
    if (consoles.size === 0) {
      since = Math.max(since, clock.now().getTime() - OVERLAP_MS);
      return;
    }
    const changes = await chatChangesSince(engine, new Date(since - OVERLAP_MS));
    const placements = new Map(changes.rows.map((row) => [row.id, row.placement]));
    for (const row of changes.rows) {
      since = Math.max(since, row.updatedAt);
      if (sentRows.get(row.id) === row.updatedAt) continue;
      sentRows.set(row.id, row.updatedAt);
      const chunk = `event: conversation\ndata: ${JSON.stringify(publicRow(row))}\n\n`;
      for (const each of consoles) if (maySee(each.viewer, row.placement)) each.send(chunk);
    }
    for (const { conversationId, message } of changes.messages) {
      const version = `${message.status}|${message.readAt}|${message.erased}|${message.media?.status}`;
      if (sentMessages.get(message.id) === version) continue;
      sentMessages.set(message.id, version);
      const placement = placements.get(conversationId)!;
      const chunk = `event: message\ndata: ${JSON.stringify({ conversationId, message })}\n\n`;
      for (const each of consoles) if (maySee(each.viewer, placement)) each.send(chunk);
    }
    forgetOld();
  }

  /** What was sent long before the overlap cannot come again: keeps the memory to the recent changes. */
  function forgetOld() {
    if (sentRows.size > 10_000) {
      for (const [id, at] of sentRows) if (at < since - 2 * OVERLAP_MS) sentRows.delete(id);
    }
    if (sentMessages.size > 20_000) sentMessages.clear();
  }

  const loop = drainLoop(read, onError);
  const stopListening = engine.listen('chat', loop.wake);
  const heartbeat = setInterval(() => {
    for (const each of consoles) each.send(': heartbeat\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    join(each: Console): () => void {
      consoles.add(each);
      return () => consoles.delete(each);
    },
    /** Resolves when no read is under way: tests await it. */
    idle: loop.idle,
    /** Ends every stream: the server can then close (a console's EventSource connects again elsewhere). */
    endAll() {
      for (const each of consoles) each.end();
      consoles.clear();
    },
    async stop() {
      clearInterval(heartbeat);
      stopListening();
      await loop.stop();
    },
  };
}

/**
 * GET /api/staff/chat/events: the inbox's live updates as server-sent events, `conversation` (a ConversationRow)
 * and `message` ({conversationId, message}), only those the session may see, within a second of the change on
 * any instance.
 */
export const chatEventRoutes: FastifyPluginAsync = async (app) => {
  const hub = chatHub(app.engine, app.clock, (error) => app.log.error({ err: error }, 'chat events failed'));
  app.addHook('preClose', async () => hub.endAll());
  app.addHook('onClose', () => hub.stop());

  app.get('/chat/events', { onRequest: requireStaff('chat.read') }, async (request, reply) => {
    reply.hijack();
    reply.raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      // Proxies (nginx) pass each event on at once instead of buffering the stream.
      'x-accel-buffering': 'no',
    });
    reply.raw.write(': the chat inbox\n\n');
    const leave = hub.join({
      viewer: viewerOf(actorOf(request)),
      send: (chunk) => reply.raw.write(chunk),
      end: () => reply.raw.end(),
    });
    request.raw.on('close', () => {
      leave();
      reply.raw.end();
    });
  });
};
