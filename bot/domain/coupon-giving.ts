import { eq } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { couponTemplates } from '../../db/schema.ts';
import type { Actor } from './actor.ts';
import type { CouponTemplate } from './coupon-templates.ts';
import { validityOf } from './coupons.ts';
import { ensureCan } from './permissions.ts';

/**
 * The templates a staff member may give a member at their store now: active, still issuing (not past their
 * window, not at their total cap) and usable at this store. The counter lists them beside the member it found;
 * the give itself (`issueCoupon`, how = staff) checks the caps again under the template's lock.
 */
export async function giveableTemplates(engine: Engine, actor: Actor, now: Date): Promise<CouponTemplate[]> {
  ensureCan(actor, 'coupon.give', { storeId: actor.storeId });
  const active = await engine.read((tx) =>
    tx.select().from(couponTemplates).where(eq(couponTemplates.active, true)).orderBy(couponTemplates.id),
  );
  return active.filter(
    (template) =>
      validityOf(template, now).validUntil > now &&
      (template.totalCap === null || template.issuedCount < template.totalCap) &&
      (template.storeIds === null || (actor.storeId !== null && template.storeIds.includes(actor.storeId))),
  );
}
