import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { todaysPurchases } from '../../domain/counter.ts';
import { type Approval, approveMemberWithoutCard, reversalApprover } from '../../domain/counter-approvals.ts';
import { couponsOfPurchases, validateCoupon } from '../../domain/counter-coupons.ts';
import { workAtStore } from '../../domain/counter-store.ts';
import { DomainError } from '../../domain/errors.ts';
import { lookUpMember } from '../../domain/member-lookups.ts';
import { recordPurchase } from '../../domain/purchases.ts';
import { refundPurchase } from '../../domain/refunds.ts';
import { actorOf, requireStaff, STAFF_COOKIE } from '../../plugins/staff-session.ts';
import {
  CounterStoreBody,
  LookupApprovalBody,
  LookupApprovalResult,
  LookupBody,
  LookupResult,
  PurchaseBody,
  PurchaseResult,
  RefundBody,
  RefundResult,
  TodaysPurchases,
  ValidateCouponBody,
  ValidateCouponResult,
  VoidBody,
} from '../../schemas/counter-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';
import { dayListView, purchaseView } from './counter-views.ts';

/** The store the signed-in staff member works at this session: every counter action happens there. */
function storeOf(request: FastifyRequest): number {
  const storeId = request.staff.storeId;
  if (storeId === null) throw new DomainError('NO_STORE', 'Choose a store to work at the counter');
  return storeId;
}

/** The clerk at the till: who, at which store, from which address. */
const clerkOf = (request: FastifyRequest) => ({
  staffId: request.staff.id,
  storeId: storeOf(request),
  ip: request.ip,
});

/**
 * The counter: find the member (card code, phone or member number) and get a lookup token with their usable
 * coupons, check a coupon code, record a purchase paid with that token that uses coupons, earns and maybe redeems points, list today's purchases, and void or refund them
 * (a clerk with a store manager's approval typed on the clerk's device). The domain does the rules; this only
 * says who and where.
 */
export const counterRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  // Voids and refunds are open to the counter: a clerk may ask for them with a manager's approval.
  const counter = requireStaff('purchase.record');

  app.post(
    '/members/lookup',
    { onRequest: counter, schema: { body: LookupBody, response: { 200: LookupResult } } },
    async (request) => lookUpMember(app.engine, request.body, clerkOf(request), app.clock.now()),
  );

  app.post(
    '/members/lookup/approval',
    { onRequest: counter, schema: { body: LookupApprovalBody, response: { 200: LookupApprovalResult } } },
    async (request) => {
      const { lookupToken, approval } = request.body;
      const clerk = clerkOf(request);
      return {
        lookup: await approveMemberWithoutCard(app.engine, lookupToken, approval, clerk, app.clock.now()),
      };
    },
  );

  app.post(
    '/purchases',
    { onRequest: counter, schema: { body: PurchaseBody, response: { 200: PurchaseResult } } },
    async (request) => {
      const storeId = storeOf(request);
      const { lookupToken, price, redeemPoints, couponCodes, reference, idempotencyKey } = request.body;
      const purchase = {
        member: { lookupToken },
        price,
        redeemPoints,
        couponCodes,
        reference: reference.trim(),
        channel: 'store' as const,
        idempotencyKey,
        at: app.clock.now(),
      };
      const actor = { ...actorOf(request), storeId };
      const result = await recordPurchase(app.engine, purchase, actor);
      if (!result.replayed) app.engine.signal('member_notices');
      return { ...result, purchase: { ...purchaseView(result.purchase), coupons: result.coupons } };
    },
  );

  /** Whether a coupon code can be used on this price here, and why not in zh-TW: the page and a POS ask. */
  app.post(
    '/coupons/validate',
    { onRequest: counter, schema: { body: ValidateCouponBody, response: { 200: ValidateCouponResult } } },
    async (request) => {
      const { code, price, channel = 'store', lookupToken } = request.body;
      const asked = { code, price, channel, ...(lookupToken && { lookupToken }) };
      return validateCoupon(app.engine, asked, clerkOf(request), app.clock.now());
    },
  );

  app.get(
    '/purchases',
    { onRequest: counter, schema: { response: { 200: TodaysPurchases } } },
    async (request) => {
      const day = await todaysPurchases(app.engine, storeOf(request), app.clock.now());
      const coupons = await couponsOfPurchases(
        app.engine,
        day.map(({ purchase }) => purchase.id),
      );
      return { purchases: dayListView(day, coupons) };
    },
  );

  /** A void (all of it, on the day) or a refund of part of the amount paid: the points follow. */
  async function refund(
    request: FastifyRequest<{
      Params: { id: number };
      Body: { idempotencyKey: string; reason?: string; approval?: Approval };
    }>,
    { amount, isVoid }: { amount: number; isVoid: boolean },
  ) {
    const now = app.clock.now();
    const purchaseId = request.params.id;
    const context = { ...clerkOf(request), action: isVoid ? 'void' : 'refund', purchaseId } as const;
    const approvedBy = await reversalApprover(app.engine, request.staff, request.body.approval, context, now);
    const what = {
      purchaseId,
      amount,
      isVoid,
      reason: request.body.reason ?? null,
      idempotencyKey: request.body.idempotencyKey,
      at: now,
      approvedBy,
    };
    const actor = { ...actorOf(request), storeId: context.storeId };
    const result = await refundPurchase(app.engine, what, actor);
    if (!result.replayed) app.engine.signal('member_notices');
    return { purchase: purchaseView(result.purchase), balance: result.balance, replayed: result.replayed };
  }

  app.post(
    '/purchases/:id/void',
    { onRequest: counter, schema: { params: IdParams, body: VoidBody, response: { 200: RefundResult } } },
    (request) => refund(request, { amount: 0, isVoid: true }),
  );

  app.post(
    '/purchases/:id/refund',
    { onRequest: counter, schema: { params: IdParams, body: RefundBody, response: { 200: RefundResult } } },
    (request) => refund(request, { amount: request.body.amount, isVoid: false }),
  );

  /** The store this session works at, chosen on the clerk page (an admin signs in to no store). */
  app.post(
    '/counter/store',
    { onRequest: counter, schema: { body: CounterStoreBody } },
    async (request, reply) => {
      const session = { token: request.cookies[STAFF_COOKIE]!, principal: request.staff, ip: request.ip };
      await workAtStore(app.engine, session, request.body.storeId, app.clock.now());
      return reply.code(204).send();
    },
  );
};
