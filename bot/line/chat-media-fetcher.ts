import type { Readable } from 'node:stream';
import { claimMedia, MEDIA_MAX_BYTES, type MediaToFetch, settleMedia } from '../domain/chat/media.ts';
import type { EventContext } from './context.ts';
import { giveWay } from './drain-loop.ts';
import { describeLineError, isTransientLineError } from './errors.ts';
import { workPool } from './work-pool.ts';

export interface ChatMediaFetcher {
  /** Media was queued: fetch what is pending. Returns at once. */
  wake(): void;
  /** Resolves when nothing is being fetched or waiting for a retry: tests await it. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Context = Pick<EventContext, 'engine' | 'worker' | 'line' | 'clock' | 'log'>;

export interface FetcherOptions {
  /** Waits before the 2nd, 3rd… try after a passing failure (LINE 5xx or 429, a timeout). */
  retryDelaysMs?: number[];
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
}

/** Too large to keep (MEDIA_MAX_BYTES): the stream is dropped as soon as it passes the cap. */
class TooLarge extends Error {}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MEDIA_MAX_BYTES) {
      stream.destroy();
      throw new TooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Fetches the images, videos, audio and files shoppers send from LINE's content endpoint on the data host
 * (`GET /v2/bot/message/{messageId}/content`), since LINE keeps them only for a while
 * (https://developers.line.biz/en/reference/messaging-api/#get-content), on every instance at once, each claiming
 * media with a lease. A passing failure is tried again after a growing wait; LINE's 404 or 410 (the content is
 * gone) and content over the cap are failed at once. Requests waiting for their commit go first.
 */
export function createChatMediaFetcher(
  ctx: Context,
  {
    retryDelaysMs = [5_000, 30_000, 120_000, 600_000],
    concurrency = 4,
    leaseMs = 120_000,
    pollMs = 5_000,
  }: FetcherOptions = {},
): ChatMediaFetcher {
  async function fetchOne(media: MediaToFetch): Promise<void> {
    await giveWay(ctx.engine);
    const settle = (outcome: Parameters<typeof settleMedia>[3]) =>
      settleMedia(ctx.engine, media.messageId, ctx.worker, outcome, ctx.clock.now());
    try {
      const { httpResponse, body } = await ctx.line.blob.getMessageContentWithHttpInfo(media.lineMessageId);
      const content = await bytesOf(body);
      const contentType = httpResponse.headers.get('content-type') ?? 'application/octet-stream';
      await settle({ status: 'fetched', content, contentType });
    } catch (error) {
      const delay = isTransientLineError(error) ? retryDelaysMs[media.attempts] : undefined;
      ctx.log.warn({ ...describeLineError(error), chatMessage: media.messageId }, 'chat media not fetched');
      if (delay === undefined) return settle({ status: 'failed' });
      await settle({ status: 'retry', retryAt: new Date(ctx.clock.now().getTime() + delay) });
      pool.wakeAfter(delay);
    }
  }

  const pool = workPool({
    claim: (room) =>
      claimMedia(ctx.engine, { worker: ctx.worker, limit: room, now: ctx.clock.now(), leaseMs }),
    work: fetchOne,
    concurrency,
    pollMs,
    onError: (error) => ctx.log.error({ err: error }, 'chat media failed'),
  });
  const stopListening = ctx.engine.listen('chat_work', pool.wake);
  return {
    wake: pool.wake,
    idle: () => pool.idle(),
    async stop() {
      stopListening();
      await pool.stop();
    },
  };
}
