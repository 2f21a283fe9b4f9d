import type { messagingApi, webhook } from '@line/bot-sdk';
import { claimableOffersFor, usableCouponsOf } from '../domain/coupon-wallet.ts';
import { findFriend } from '../domain/friends.ts';
import { findMemberByLineUser, memberProfile } from '../domain/members.ts';
import { pointsSummary } from '../domain/points-statement.ts';
import type { EventContext } from './context.ts';
import { fromBrand } from './flex/brand.ts';
import { couponsMessage } from './flex/coupons.ts';
import { joinInvitationMessage } from './flex/join-invitation.ts';
import { memberCardMessage } from './flex/member-welcome.ts';
import { pointsBalanceMessage } from './flex/points-balance.ts';
import { languageOf } from './messages.ts';
import type { PostbackAction } from './postback-actions.ts';
import { replyTo } from './reply.ts';

/** What a shopper can ask for from the rich menu or by writing its name. */
export type MemberRequest = 'card' | 'points' | 'coupons';

type AnsweredEvent = webhook.MessageEvent | webhook.PostbackEvent;

/**
 * Answers with a free reply, never a push: these are questions, and a push would cost the brand. A friend who
 * is not a member is invited to join. The words that ask for them in the chat are keyword rules
 * (bot/domain/chat/rules.ts; the defaults 會員卡, 點數, 優惠券 and their English).
 */
export async function answerMemberRequest(
  request: MemberRequest,
  event: AnsweredEvent,
  ctx: EventContext,
): Promise<void> {
  const lineUserId = event.source?.type === 'user' ? event.source.userId : undefined;
  if (!lineUserId) return;
  await replyTo(ctx, event, [await memberAnswer(request, lineUserId, ctx)]);
}

/** The member's card, points or coupons (or the invitation to join) as the chat shows them. */
export async function memberAnswer(
  request: MemberRequest,
  lineUserId: string,
  ctx: Pick<EventContext, 'engine' | 'clock' | 'liffId' | 'brandName'>,
): Promise<messagingApi.FlexMessage> {
  const now = ctx.clock.now();
  // Read on one snapshot, then answer: LINE is never called inside a transaction.
  const { language, member, points, coupons } = await ctx.engine.read(async (tx) => {
    const language = languageOf((await findFriend(tx, lineUserId))?.language);
    const found = await findMemberByLineUser(tx, lineUserId);
    if (!found) return { language, member: null, points: null, coupons: null };
    const member = await memberProfile(tx, found);
    const points = request === 'points' ? await pointsSummary(tx, found.id, found.pointsBalance, now) : null;
    const coupons =
      request === 'coupons'
        ? {
            coupons: await usableCouponsOf(tx, found.id, now),
            offers: await claimableOffersFor(tx, found.id, now),
          }
        : null;
    return { language, member, points, coupons };
  });
  let answer: messagingApi.FlexMessage;
  if (!member) answer = joinInvitationMessage(ctx.liffId, language);
  else if (points) answer = pointsBalanceMessage(points, ctx.liffId, language);
  else if (coupons) answer = couponsMessage(coupons, ctx.liffId, language);
  else answer = memberCardMessage(member, ctx.liffId, language);
  return fromBrand(answer, ctx.brandName);
}

const answering =
  (request: MemberRequest): PostbackAction =>
  (event, _params, ctx) =>
    answerMemberRequest(request, event, ctx);

/** The member menu's postbacks (`action=show-points` …), registered with the others in bot/app.ts. */
export const memberPostbackActions: Record<string, PostbackAction> = {
  'show-card': answering('card'),
  'show-points': answering('points'),
  'show-coupons': answering('coupons'),
};
