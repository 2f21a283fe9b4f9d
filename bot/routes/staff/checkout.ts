import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { recordPurchase } from '../../domain/checkout.ts';
import { memberAtCounter, purchaseView, todaysPurchases } from '../../domain/counter.ts';
import { DomainError } from '../../domain/errors.ts';
import { refundPurchase } from '../../domain/refunds.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  LookupBody,
  LookupResult,
  PurchaseBody,
  PurchaseResult,
  RefundBody,
  RefundResult,
  TodaysPurchases,
  VoidBody,
} from '../../schemas/checkout-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

/** The store the signed-in staff member works at this session: every counter action happens there. */
function storeOf(request: FastifyRequest): number {
  const storeId = request.staff.storeId;
  if (storeId === null) throw new DomainError('NO_STORE', 'Sign in at a store to work at the counter');
  return storeId;
}

/**
 * The counter (issue 5, item 5): find the member by card code or phone, record a purchase that earns and maybe
 * redeems points, list today's purchases, and (store managers) void or refund them. The domain does the rules;
 * this only says who and where.
 */
export const checkoutRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const counter = requireStaff('clerk', 'store_manager', 'admin');
  const manager = requireStaff('store_manager', 'admin');

  app.post(
    '/members/lookup',
    { preHandler: counter, schema: { body: LookupBody, response: { 200: LookupResult } } },
    async (request) => ({ member: await memberAtCounter(app.engine, request.body, app.clock.now()) }),
  );

  app.post(
    '/purchases',
    { preHandler: counter, schema: { body: PurchaseBody, response: { 200: PurchaseResult } } },
    async (request) => {
      const storeId = storeOf(request);
      const { memberId, price, redeemPoints, reference, idempotencyKey } = request.body;
      const purchase = {
        memberId,
        price,
        redeemPoints,
        reference: reference.trim(),
        channel: 'store' as const,
        idempotencyKey,
        at: app.clock.now(),
      };
      const actor = { ...actorOf(request), storeId };
      const result = await recordPurchase(app.engine, purchase, actor);
      if (!result.replayed) app.engine.signal('member_notices');
      return { ...result, purchase: purchaseView(result.purchase) };
    },
  );

  app.get(
    '/purchases',
    { preHandler: counter, schema: { response: { 200: TodaysPurchases } } },
    async (request) => ({ purchases: await todaysPurchases(app.engine, storeOf(request), app.clock.now()) }),
  );

  /** A void (all of it, on the day) or a refund of part of the amount paid: the points follow. */
  async function refund(
    request: FastifyRequest<{ Params: { id: number }; Body: { idempotencyKey: string; reason?: string } }>,
    { amount, isVoid }: { amount: number; isVoid: boolean },
  ) {
    const what = {
      purchaseId: request.params.id,
      amount,
      isVoid,
      reason: request.body.reason ?? null,
      idempotencyKey: request.body.idempotencyKey,
      at: app.clock.now(),
    };
    const actor = { ...actorOf(request), storeId: storeOf(request) };
    const result = await refundPurchase(app.engine, what, actor);
    if (!result.replayed) app.engine.signal('member_notices');
    return { purchase: purchaseView(result.purchase), balance: result.balance, replayed: result.replayed };
  }

  app.post(
    '/purchases/:id/void',
    { preHandler: manager, schema: { params: IdParams, body: VoidBody, response: { 200: RefundResult } } },
    (request) => refund(request, { amount: 0, isVoid: true }),
  );

  app.post(
    '/purchases/:id/refund',
    { preHandler: manager, schema: { params: IdParams, body: RefundBody, response: { 200: RefundResult } } },
    (request) => refund(request, { amount: request.body.amount, isVoid: false }),
  );
};
