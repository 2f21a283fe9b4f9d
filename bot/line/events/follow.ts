import type { webhook } from '@line/bot-sdk';
import { type FriendProfile, recordFollow, recordUnfollow } from '../../domain/friends.ts';
import type { EventContext } from '../context.ts';
import { describeLineError } from '../errors.ts';
import { languageOf, welcomeBackMessage, welcomeMessage } from '../messages.ts';
import { replyTo } from '../reply.ts';

/** A new friend, or a friend who unblocked the account: record them, then greet them with a free reply. */
export async function onFollow(event: webhook.FollowEvent, ctx: EventContext): Promise<void> {
  const lineUserId = event.source?.userId;
  if (!lineUserId) return;
  const profile = await fetchProfile(ctx, lineUserId);
  const friend = await recordFollow(ctx.engine, lineUserId, profile, new Date(event.timestamp));
  const language = languageOf(friend.language);
  const greeting = event.follow.isUnblocked
    ? welcomeBackMessage(friend.displayName, language)
    : welcomeMessage(friend.displayName, language);
  await replyTo(ctx, event, [greeting]);
}

/** The friend blocked the account: marked blocked with the time; nothing is deleted. */
export async function onUnfollow(event: webhook.UnfollowEvent, ctx: EventContext): Promise<void> {
  const lineUserId = event.source?.userId;
  if (lineUserId) await recordUnfollow(ctx.engine, lineUserId, new Date(event.timestamp));
}

/**
 * The friend is recorded even when LINE does not give the profile (LINE down, or a user who blocked the account
 * again since): a missing profile only costs the greeting its name, and the next follow fills it in.
 */
async function fetchProfile(ctx: EventContext, lineUserId: string): Promise<FriendProfile | null> {
  try {
    const profile = await ctx.line.messaging.getProfile(lineUserId);
    return { displayName: profile.displayName, pictureUrl: profile.pictureUrl, language: profile.language };
  } catch (error) {
    ctx.log.warn(describeLineError(error), 'LINE profile not available');
    return null;
  }
}
