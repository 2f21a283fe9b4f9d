import type { FastifyBaseLogger } from 'fastify';
import type { Engine } from '../../db/engine.ts';
import type { LiffSettings } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import { takeFreshReplyToken } from '../domain/friends.ts';
import { friendAndMembership, type Member } from '../domain/members.ts';
import type { LineClients } from './clients.ts';
import { describeLineError } from './errors.ts';
import { fromBrand } from './flex/brand.ts';
import { memberWelcomeMessage } from './flex/member-welcome.ts';
import { languageOf } from './messages.ts';
import { replyElsePush, retryKeyFor } from './push.ts';
import { linkMemberMenu, unlinkMemberMenu } from './rich-menus.ts';

export interface MembershipEffects {
  /** A LINE friend became a member (joined or claimed): the member menu, and a welcome summarising the card. */
  joined(member: Member, log: FastifyBaseLogger): Promise<void>;
  /** The LINE account no longer holds a membership (unbound or deleted): back to the join menu. */
  left(lineUserId: string, log: FastifyBaseLogger): Promise<void>;
}

/**
 * What LINE shows follows membership, after the membership is committed. A LINE failure does not undo the
 * membership: it is logged with LINE's request id, and the menu is linked again at the next join or open.
 */
export function createMembershipEffects(
  engine: Engine,
  line: LineClients,
  liff: LiffSettings,
  clock: Clock,
  brandName: string,
): MembershipEffects {
  return {
    async joined(member, log) {
      const lineUserId = member.lineUserId!;
      await linkMemberMenu(line, lineUserId).catch((error) =>
        log.warn(describeLineError(error), 'member menu not linked'),
      );
      const { friend, member: view } = await friendAndMembership(engine, lineUserId);
      if (!view) return; // let go of again in the meantime: nothing to welcome
      const welcome = fromBrand(
        memberWelcomeMessage(view, liff.liffId, languageOf(friend?.language)),
        brandName,
      );
      // Replies are free: use the token of an event the friend sent a moment ago, else (or when LINE refuses
      // it) push, with a retry key so that a retry after a timeout is not sent twice.
      const replyToken = await takeFreshReplyToken(engine, lineUserId, clock.now());
      try {
        await replyElsePush(
          line,
          lineUserId,
          replyToken,
          [welcome],
          retryKeyFor(`welcome:${member.id}:${member.boundAt?.getTime()}`),
        );
      } catch (error) {
        log.warn(describeLineError(error), 'welcome message not sent');
      }
    },
    async left(lineUserId, log) {
      await unlinkMemberMenu(line, lineUserId).catch((error) =>
        log.warn(describeLineError(error), 'member menu not unlinked'),
      );
    },
  };
}
