import { validateSignature } from '@line/bot-sdk';
import type { FastifyPluginAsync } from 'fastify';
import { type InboxEvent, recordWebhookEvents } from '../domain/webhook-inbox.ts';

export interface WebhookOptions {
  channelSecret: string;
  /** Told after events are recorded, so it processes them after the answer has gone back to LINE. */
  onRecorded: () => void;
}

/** LINE's webhook bodies are small; anything bigger is not from LINE. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/**
 * POST /webhook, as LINE's contract asks: the signature is checked over the raw bytes, the events are stored
 * in the inbox before the 200 goes back (LINE waits at most 2 seconds; concurrent webhooks share a commit on
 * SQLite), and processed afterwards.
 * https://developers.line.biz/en/reference/messaging-api/#webhooks
 */
export const webhookRoutes: FastifyPluginAsync<WebhookOptions> = async (
  app,
  { channelSecret, onRecorded },
) => {
  // Scoped to this plugin: only the webhook keeps JSON as bytes, because re-serialised JSON breaks the signature.
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );

  app.post('/webhook', { bodyLimit: WEBHOOK_BODY_LIMIT }, async (request, reply) => {
    const signature = request.headers['x-line-signature'];
    const body = request.body;
    if (
      typeof signature !== 'string' ||
      !Buffer.isBuffer(body) ||
      !validateSignature(body, channelSecret, signature)
    ) {
      return reply
        .code(401)
        .send({ code: 'INVALID_SIGNATURE', message: 'Missing or invalid x-line-signature' });
    }
    const events = parseEvents(body);
    if (!events) {
      return reply.code(400).send({ code: 'INVALID_BODY', message: 'Body is not a LINE webhook request' });
    }
    const receivedAt = app.clock.now();
    const recorded = events.length > 0 ? await recordWebhookEvents(app.engine, events, receivedAt) : [];
    if (recorded.length > 0) onRecorded();
    return reply.code(200).send({});
  });
};

function parseEvents(body: Buffer): InboxEvent[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const events = (parsed as { events?: unknown } | null)?.events;
  if (!Array.isArray(events) || !events.every(isInboxEvent)) return null;
  return events;
}

function isInboxEvent(value: unknown): value is InboxEvent {
  const event = value as Partial<InboxEvent> | null;
  return (
    typeof event?.webhookEventId === 'string' &&
    event.webhookEventId.length > 0 &&
    typeof event.type === 'string' &&
    typeof event.mode === 'string' &&
    typeof event.timestamp === 'number'
  );
}
