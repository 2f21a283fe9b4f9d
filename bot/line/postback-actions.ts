import type { webhook } from '@line/bot-sdk';
import type { EventContext } from './context.ts';

/** A postback's `data` is a query string whose `action` names what to do: `action=show-card&…`. */
export type PostbackAction = (
  event: webhook.PostbackEvent,
  params: URLSearchParams,
  ctx: EventContext,
) => Promise<void>;

export type PostbackActions = ReadonlyMap<string, PostbackAction>;

/** The one place where postback actions are registered; features add theirs here. */
export function createPostbackActions(actions: Record<string, PostbackAction> = {}): PostbackActions {
  return new Map(Object.entries(actions));
}

export async function routePostback(event: webhook.PostbackEvent, ctx: EventContext): Promise<void> {
  const params = new URLSearchParams(event.postback.data);
  const name = params.get('action') ?? '';
  const action = ctx.postbacks.get(name);
  if (!action) {
    ctx.log.warn({ action: name }, 'unknown postback action');
    return;
  }
  await action(event, params, ctx);
}
