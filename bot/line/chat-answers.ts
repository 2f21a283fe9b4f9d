import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import {
  type AnswerOutcome,
  type RecordedAnswer,
  settleAnswer,
  strandedAnswers,
} from '../domain/chat/answer.ts';
import type { ChatMessageRow } from '../domain/chat/views.ts';
import type { EventContext } from './context.ts';
import { drainLoop } from './drain-loop.ts';
import { describeLineError, isLineStatus, isTransientLineError, lineErrorText } from './errors.ts';
import { pushWithRetryKey } from './push.ts';

type Context = Pick<EventContext, 'engine' | 'line' | 'clock' | 'log'>;
type Sent = { id?: string; quoteToken?: string } | undefined;

/**
 * Sends a recorded staff answer (bot/domain/chat/answer.ts) and records how it ended. With the reply token taken
 * for it, a free reply; LINE refusing the token (expired, used) makes it a push. A push carries the answer's
 * retry key (the page's requestId), retried after a passing failure; LINE's 409 for a key it already accepted
 * counts as sent, with the sent message's id from its body. The sent message's id and quoteToken are kept, so a
 * later answer can quote it. https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
 */
export async function sendAnswer(
  ctx: Context,
  message: ChatMessageRow,
  replyToken: string | null,
  retryDelaysMs?: number[],
): Promise<ChatMessageRow> {
  const messages = [message.payload as messagingApi.Message];
  let stage: 'reply' | 'push' = replyToken ? 'reply' : 'push';
  let outcome: AnswerOutcome;
  try {
    let sent: Sent;
    if (replyToken) {
      try {
        sent = (await ctx.line.messaging.replyMessage({ replyToken, messages })).sentMessages[0];
      } catch (error) {
        if (!isLineStatus(error, 400)) throw error;
        stage = 'push';
      }
    }
    if (stage === 'push') sent = await push(ctx, message, messages, retryDelaysMs);
    const sentAs = { lineMessageId: sent?.id ?? null, quoteToken: sent?.quoteToken ?? null };
    outcome = { status: 'sent', delivery: stage, ...sentAs };
  } catch (error) {
    ctx.log.error({ ...describeLineError(error), message: message.id }, 'chat answer failed');
    // A reply with no answer may have reached the shopper, and a push LINE may take later under its key: it
    // stays pending, and the answer sender pushes it again under its retry key once its lease is over.
    if (stage === 'reply' || isTransientLineError(error)) return message;
    outcome = { status: 'failed', delivery: stage, error: lineErrorText(error) };
  }
  const settled = await settleAnswer(ctx.engine, message.id, outcome, ctx.clock.now());
  ctx.engine.signal('chat');
  return settled ?? message;
}

/**
 * Sends an answer the request just recorded (a text or an image), telling the consoles it is there first; an
 * answer an earlier request with the same requestId recorded is that request's to send, and is returned as it is.
 */
export async function sendRecordedAnswer(ctx: Context, recorded: RecordedAnswer): Promise<ChatMessageRow> {
  if (!recorded.created) return recorded.message;
  ctx.engine.signal('chat');
  return sendAnswer(ctx, recorded.message, recorded.replyToken);
}

/** A push under the answer's retry key; what LINE says it sent, also when it answers 409 (sent before). */
async function push(
  ctx: Context,
  message: ChatMessageRow,
  messages: messagingApi.Message[],
  retryDelaysMs?: number[],
): Promise<Sent> {
  let sent: Sent;
  const messaging = capture(ctx.line.messaging, (response) => {
    sent = response.sentMessages[0];
  });
  await pushWithRetryKey({ ...ctx.line, messaging }, message.lineUserId, messages, message.retryKey!, {
    retryDelaysMs,
  });
  return sent;
}

/** The messaging client, handing each push's answer to `seen` (pushWithRetryKey keeps it to itself). */
function capture(
  client: messagingApi.MessagingApiClient,
  seen: (response: messagingApi.PushMessageResponse) => void,
): messagingApi.MessagingApiClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== 'pushMessage') return Reflect.get(target, property, receiver);
      return async (request: messagingApi.PushMessageRequest, retryKey?: string) => {
        try {
          const response = await target.pushMessage(request, retryKey);
          seen(response);
          return response;
        } catch (error) {
          if (error instanceof HTTPFetchError && error.status === 409) seen(sentIn409(error.body));
          throw error;
        }
      };
    },
  });
}

function sentIn409(body: string): messagingApi.PushMessageResponse {
  try {
    const parsed = JSON.parse(body) as { sentMessages?: messagingApi.SentMessage[] };
    return { sentMessages: parsed.sentMessages ?? [] };
  } catch {
    return { sentMessages: [] };
  }
}

export interface ChatAnswerSender {
  wake(): void;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Sends again, as pushes under their retry keys, the staff answers an instance recorded and did not settle (it
 * died between recording and settling). Looks on the `chat_work` signal and every `pollMs`; an answer is left
 * to the instance that recorded it for `leaseMs` first, so the two never race (and if they did, the retry key
 * would make LINE send it once).
 */
export function createChatAnswerSender(
  ctx: Context,
  {
    leaseMs = 120_000,
    pollMs = 30_000,
    retryDelaysMs,
  }: { leaseMs?: number; pollMs?: number; retryDelaysMs?: number[] } = {},
): ChatAnswerSender {
  const loop = drainLoop(
    async () => {
      for (const message of await strandedAnswers(ctx.engine, ctx.clock.now(), leaseMs)) {
        if (loop.stopping()) return;
        await sendAnswer(ctx, message, null, retryDelaysMs);
      }
    },
    (error) => ctx.log.error({ err: error }, 'chat answers failed'),
    pollMs,
  );
  const stopListening = ctx.engine.listen('chat_work', loop.wake);
  return {
    wake: loop.wake,
    idle: loop.idle,
    async stop() {
      stopListening();
      await loop.stop();
    },
  };
}
