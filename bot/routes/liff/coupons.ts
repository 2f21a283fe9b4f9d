import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { claimCoupon } from '../../domain/coupon-claims.ts';
import { exchangePoints } from '../../domain/coupon-exchange.ts';
import { memberCoupon, offerFor, rewardsFor, walletOf } from '../../domain/coupon-wallet.ts';
import { memberOf, readAsMember } from '../../domain/members.ts';
import { balanceOf } from '../../domain/points-ledger.ts';
import {
  ClaimBody,
  ClaimResult,
  CouponCardView,
  CouponOfferView,
  CouponParams,
  ExchangeBody,
  ExchangeResult,
  OfferParams,
  RewardsResponse,
  WalletResponse,
} from '../../schemas/coupon-wallet-api.ts';

/**
 * The member's coupons: the wallet, one coupon, an offer before claiming, a claim (a link, a Flex button, a
 * lottery draw), and the rewards catalogue with its exchange. The member is the one the LIFF ID token names;
 * a coupon or key of another member is never theirs (COUPON_NOT_FOUND).
 */
export const couponRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/coupons', { schema: { response: { 200: WalletResponse } } }, async (request) => {
    const now = app.clock.now();
    return readAsMember(app.engine, request.lineUserId, (tx, member) => walletOf(tx, member.id, now));
  });

  app.get(
    '/coupons/:id',
    { schema: { params: CouponParams, response: { 200: CouponCardView } } },
    async (request) => {
      const now = app.clock.now();
      return readAsMember(app.engine, request.lineUserId, (tx, member) =>
        memberCoupon(tx, member.id, request.params.id, now),
      );
    },
  );

  app.get(
    '/coupon-offers/:templateId',
    { schema: { params: OfferParams, response: { 200: CouponOfferView } } },
    async (request) => {
      const now = app.clock.now();
      return readAsMember(app.engine, request.lineUserId, (tx, member) =>
        offerFor(tx, member.id, request.params.templateId, now),
      );
    },
  );

  app.post(
    '/coupons/claim',
    { schema: { body: ClaimBody, response: { 200: ClaimResult, 201: ClaimResult } } },
    async (request, reply) => {
      const now = app.clock.now();
      const member = await memberOf(app.engine, request.lineUserId);
      const claimed = await claimCoupon(app.engine, { ...request.body, memberId: member.id, at: now });
      const coupon = claimed.coupon
        ? await app.engine.read((tx) => memberCoupon(tx, member.id, claimed.coupon!.id, now))
        : null;
      return reply
        .code(claimed.replayed ? 200 : 201)
        .send({ outcome: claimed.outcome, coupon, replayed: claimed.replayed });
    },
  );

  app.get('/rewards', { schema: { response: { 200: RewardsResponse } } }, async (request) => {
    const now = app.clock.now();
    return readAsMember(app.engine, request.lineUserId, async (tx, member) => ({
      balance: await balanceOf(tx, member.id),
      rewards: await rewardsFor(tx, member.id, now),
    }));
  });

  app.post(
    '/rewards/exchange',
    { schema: { body: ExchangeBody, response: { 200: ExchangeResult, 201: ExchangeResult } } },
    async (request, reply) => {
      const now = app.clock.now();
      const member = await memberOf(app.engine, request.lineUserId);
      const exchanged = await exchangePoints(app.engine, { ...request.body, memberId: member.id, at: now });
      const coupon = await app.engine.read((tx) => memberCoupon(tx, member.id, exchanged.coupon.id, now));
      return reply
        .code(exchanged.replayed ? 200 : 201)
        .send({ coupon, balance: exchanged.balance, replayed: exchanged.replayed });
    },
  );
};
