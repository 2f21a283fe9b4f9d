import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { counterOffer } from '../../domain/counter-coupons.ts';
import { giveableTemplates } from '../../domain/coupon-giving.ts';
import {
  type CouponTemplate,
  createTemplate,
  listTemplates,
  type TemplateFields,
  updateTemplate,
} from '../../domain/coupon-templates.ts';
import { voidCoupon } from '../../domain/coupon-void.ts';
import { type Coupon, issueCoupon } from '../../domain/coupons.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  CouponTemplateChangesBody,
  CouponTemplateView,
  GiveableTemplate,
  GiveCouponBody,
  GivenCoupon,
  NewCouponTemplateBody,
  VoidCouponBody,
  VoidedCoupon,
} from '../../schemas/coupons-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

const templateView = ({ createdAt: _, updatedAt, validFrom, validUntil, ...template }: CouponTemplate) => ({
  ...template,
  validFrom: validFrom?.toISOString() ?? null,
  validUntil: validUntil?.toISOString() ?? null,
  updatedAt: updatedAt.toISOString(),
});
const couponView = (coupon: Coupon) => ({
  id: coupon.id,
  templateId: coupon.templateId,
  memberId: coupon.memberId,
  code: coupon.code,
  status: coupon.status,
  issuedAt: coupon.issuedAt.toISOString(),
  validFrom: coupon.validFrom.toISOString(),
  validUntil: coupon.validUntil.toISOString(),
});
const dated = <T extends { validFrom?: string | null; validUntil?: string | null }>(body: T) =>
  ({
    ...body,
    ...(body.validFrom !== undefined && { validFrom: body.validFrom ? new Date(body.validFrom) : null }),
    ...(body.validUntil !== undefined && { validUntil: body.validUntil ? new Date(body.validUntil) : null }),
  }) as unknown as TemplateFields;

/**
 * Coupon templates (read by managers, edited by marketers and admins), a coupon given to a member, and an unused
 * coupon voided by a store manager or an admin.
 */
export const couponTemplateRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const editors = requireStaff('coupon_template.edit');

  app.get(
    '/coupon-templates',
    {
      onRequest: requireStaff('coupon_template.read'),
      schema: { response: { 200: Type.Array(CouponTemplateView) } },
    },
    async (request) => (await listTemplates(app.engine, actorOf(request))).map(templateView),
  );

  app.post(
    '/coupon-templates',
    { onRequest: editors, schema: { body: NewCouponTemplateBody, response: { 201: CouponTemplateView } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          templateView(
            await createTemplate(app.engine, dated(request.body), actorOf(request), app.clock.now()),
          ),
        ),
  );

  app.patch(
    '/coupon-templates/:id',
    {
      onRequest: editors,
      schema: { params: IdParams, body: CouponTemplateChangesBody, response: { 200: CouponTemplateView } },
    },
    async (request) =>
      templateView(
        await updateTemplate(
          app.engine,
          request.params.id,
          dated(request.body),
          actorOf(request),
          app.clock.now(),
        ),
      ),
  );

  app.get(
    '/coupon-templates/giveable',
    {
      onRequest: requireStaff('coupon.give'),
      schema: { response: { 200: Type.Array(GiveableTemplate) } },
    },
    async (request) =>
      (await giveableTemplates(app.engine, actorOf(request), app.clock.now())).map((template) => ({
        id: template.id,
        ...counterOffer(template),
      })),
  );

  app.post(
    '/members/:id/coupons',
    {
      onRequest: requireStaff('coupon.give'),
      schema: { params: IdParams, body: GiveCouponBody, response: { 200: GivenCoupon, 201: GivenCoupon } },
    },
    async (request, reply) => {
      const { coupon, replayed } = await issueCoupon(
        app.engine,
        {
          templateId: request.body.templateId,
          memberId: request.params.id,
          how: 'staff',
          idempotencyKey: request.body.idempotencyKey,
          at: app.clock.now(),
        },
        actorOf(request),
      );
      return reply.code(replayed ? 200 : 201).send(couponView(coupon));
    },
  );

  app.post(
    '/coupons/:id/void',
    {
      onRequest: requireStaff('coupon.void'),
      schema: { params: IdParams, body: VoidCouponBody, response: { 200: VoidedCoupon } },
    },
    async (request) => {
      const { coupon, pointsReturned, balance } = await voidCoupon(
        app.engine,
        request.params.id,
        request.body.reason.trim(),
        actorOf(request),
        app.clock.now(),
      );
      return {
        id: coupon.id,
        memberId: coupon.memberId,
        code: coupon.code,
        status: 'void' as const,
        pointsReturned,
        balance,
      };
    },
  );
};
