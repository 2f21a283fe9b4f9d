import type { ReactNode } from 'react';
import type { CouponOfferView } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { formatDate } from '../../../lib/format.ts';
import { useStore } from '../../../lib/use-store.ts';
import { CouponFace, CouponSummary } from './coupon-tile.tsx';
import { inLanguage } from './coupon-words.ts';
import { couponMessages } from './messages.ts';

/** How long an offer's coupon will be good: its window in Taipei dates, or N days from claiming. */
export function offerValidity(offer: CouponOfferView, t: ReturnType<typeof couponMessages.get>) {
  if (offer.validDays !== null) return t.validDays({ days: offer.validDays });
  if (!offer.validFrom || !offer.validUntil) return '';
  return t.window({ from: formatDate(offer.validFrom), until: formatDate(offer.validUntil) });
}

/** An offer as the claim page and the rewards catalogue show it, before it is the member's. */
export function OfferCard({ offer, children }: { offer: CouponOfferView; children?: ReactNode }) {
  const t = useStore(couponMessages);
  const stores = offer.stores?.map((store) => store.name).join('、') ?? t.allStores;
  const terms = inLanguage(offer.terms, offer.termsEn);
  return (
    <div className="panel offer">
      <div className="coupon-tile">
        <CouponFace coupon={offer} />
        <span className="coupon-words">
          <CouponSummary coupon={offer} />
          <small className="muted">{offerValidity(offer, t)}</small>
          <small className="muted">{t.storesAre({ stores })}</small>
        </span>
      </div>
      {terms && <p className="coupon-terms">{terms}</p>}
      {children}
    </div>
  );
}
