import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../../db/engine.ts';
import { chatChangesSince, newestMessageId } from '../../domain/chat/changes.ts';
import { maySee, type Placement, type Viewer, viewerOf } from '../../domain/chat/scope.ts';
import { publicRow } from '../../domain/chat/views.ts';
import type { Clock } from '../../domain/clock.ts';
import { can } from '../../domain/permissions.ts';
import { drainLoop } from '../../line/drain-loop.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';

/** Heartbeat comments keep proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
const HEARTBEAT = Buffer.from(': heartbeat\n\n');
/**
 * Each read looks at the conversations changed this long before the last read began: a write takes its time
 * (`updatedAt`) before it commits, on another instance too. What was sent is remembered by version, so the
 * overlap sends nothing twice, and the narrow read of versions is all it costs.
 */
const OVERLAP_MS = 5_000;
/** A message id skipped this long is no transaction in flight but one rolled back (or an unused sequence value). */
const GAP_MS = 10_000;
/**
 * The least time between the starts of two reads. Each read writes every console once: 1,000 consoles and a read
 * every 200 ms is 5,000 socket writes a second, whatever the rate of messages (ADR 33).
 */
const PACE_MS = 200;
/** A message left pending this long (an answer whose instance died) is no longer read again on every read. */
const UNSETTLED_MS = 180_000;

interface Console {
  viewer: Viewer;
  send(chunk: Buffer): void;
  end(): void;
}

/** The consoles that see the same conversations: one chunk is built for them all. */
interface Audience {
  viewer: Viewer;
  consoles: Set<Console>;
}

/** Consoles whose sessions see the same: everyone who sees all conversations, else the same staff and stores. */
function audienceOf(viewer: Viewer): string {
  const { may } = viewer;
  if (may === 'everything' || (may.storeIds === 'all' && can(may, 'chat.read'))) return 'all';
  return `${viewer.staffId}|${may.role}|${may.storeIds}`;
}

/**
 * The consoles connected to this instance and the one read that feeds them all: on each `chat` signal (from any
 * instance: NOTIFY on PostgreSQL) it reads what changed after the last read (bot/domain/chat/changes.ts: new
 * messages by id, conversations whose version changed), once, builds each event's JSON once, and writes each
 * console one chunk per read: the events its audience may see (the visibility rule, once per audience). At most
 * one read is in flight; signals during it make one more read after it, not one each.
 */
function chatHub(engine: Engine, clock: Clock, onError: (error: unknown) => void) {
  const audiences = new Map<string, Audience>();
  let consoles = 0;
  /** Where the reads stand (null until the first read, which the hub makes at once). */
  let messageId: number | null = null;
  /** Ids below `messageId` not seen yet, since when: looked at again until GAP_MS has passed. */
  let gaps = new Map<number, number>();
  let changedAfter = clock.now().getTime();
  /** The versions of the conversations changed within the overlap, as sent. */
  let sent = new Map<number, string>();
  /** Messages sent in a state that still changes (pending answer, media being fetched), since when. */
  const unsettled = new Map<number, number>();
  /** Messages read or erased again within the overlap: their versions sent, so none goes twice. */
  const sentMessages = new Map<number, { version: string; at: number }>();
  /** When the last read began (performance.now()). */
  let lastRead = 0;

  async function read(): Promise<void> {
    // Reads come at most every PACE_MS: under a stream of changes each console gets one write per read, whatever
    // the number of changes; after a quiet spell the first change is read at once.
    const wait = lastRead + PACE_MS - performance.now();
    if (wait > 0) await sleep(wait);
    lastRead = performance.now();
    const began = clock.now().getTime();
    if (messageId === null || consoles === 0) {
      // No one to send to: the reads stand at the newest message, for the console that comes next.
      messageId = await newestMessageId(engine);
      gaps.clear();
      changedAfter = began - OVERLAP_MS;
      return;
    }
    const changes = await chatChangesSince(engine, {
      messageId,
      gaps: [...gaps.keys()],
      changedAfter: new Date(changedAfter),
      unsettled: [...unsettled.keys()],
      sent: (id) => sent.get(id),
    });
    messageId = changes.messageId;
    const stillOpen = new Map<number, number>();
    for (const id of changes.gaps) {
      const since = gaps.get(id) ?? began;
      if (since >= began - GAP_MS) stillOpen.set(id, since);
    }
    gaps = stillOpen;
    changedAfter = began - OVERLAP_MS;
    sent = changes.versions;

    const events: { placement: Placement; chunk: string }[] = [];
    for (const row of changes.rows) {
      events.push({
        placement: row.placement,
        chunk: `event: conversation\ndata: ${JSON.stringify(publicRow(row))}\n\n`,
      });
    }
    for (const { conversationId, placement, message } of changes.messages) {
      const version = `${message.status}|${message.readAt}|${message.erased}|${message.media?.status}`;
      if (sentMessages.get(message.id)?.version === version) continue;
      sentMessages.set(message.id, { version, at: began });
      if (message.status === 'pending' || message.media?.status === 'pending') {
        if (!unsettled.has(message.id)) unsettled.set(message.id, began);
      } else unsettled.delete(message.id);
      events.push({
        placement,
        chunk: `event: message\ndata: ${JSON.stringify({ conversationId, message })}\n\n`,
      });
    }
    forget(began);
    if (events.length > 0) fanOut(events);
  }

  function fanOut(events: { placement: Placement; chunk: string }[]) {
    for (const { viewer, consoles } of audiences.values()) {
      const chunk = events
        .flatMap((event) => (maySee(viewer, event.placement) ? [event.chunk] : []))
        .join('');
      if (chunk.length === 0) continue;
      const bytes = Buffer.from(chunk);
      for (const each of consoles) each.send(bytes);
    }
  }

  /** Keeps the memory to what can still come again: the overlap's versions, unsettled messages for a while. */
  function forget(now: number) {
    for (const [id, { at }] of sentMessages)
      if (at < now - 2 * OVERLAP_MS && !unsettled.has(id)) sentMessages.delete(id);
    for (const [id, since] of unsettled) if (since < now - UNSETTLED_MS) unsettled.delete(id);
  }

  const loop = drainLoop(read, onError);
  const stopListening = engine.listen('chat', loop.wake);
  loop.wake();
  const heartbeat = setInterval(() => {
    for (const { consoles } of audiences.values()) for (const each of consoles) each.send(HEARTBEAT);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  return {
    join(each: Console): () => void {
      const key = audienceOf(each.viewer);
      const audience = audiences.get(key) ?? { viewer: each.viewer, consoles: new Set<Console>() };
      audiences.set(key, audience);
      audience.consoles.add(each);
      consoles++;
      return () => {
        if (!audience.consoles.delete(each)) return;
        consoles--;
        if (audience.consoles.size === 0) audiences.delete(key);
      };
    },
    /** Resolves when no read is under way: tests await it. */
    idle: loop.idle,
    /** Ends every stream: the server can then close (a console's EventSource connects again elsewhere). */
    endAll() {
      for (const { consoles } of audiences.values()) for (const each of consoles) each.end();
      audiences.clear();
      consoles = 0;
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
