import type { CouponCardView, CouponOfferView } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { useStore } from '../../../lib/use-store.ts';
import { faceText, givesText, inLanguage } from './coupon-words.ts';
import { couponMessages } from './messages.ts';
import { ViewLink } from './view-link.tsx';

/** A coupon's picture, or a tidy face that says what it gives when the template has none. */
export function CouponFace({ coupon }: { coupon: CouponCardView | CouponOfferView }) {
  const t = useStore(couponMessages);
  if (coupon.imageUrl) return <img className="coupon-face" src={coupon.imageUrl} alt="" />;
  return (
    <span className={`coupon-face ${coupon.kind}`} aria-hidden="true">
      {faceText(coupon, t)}
    </span>
  );
}

/** Its title, what it gives and the minimum spend: the same on the wallet, the claim page and the catalogue. */
export function CouponSummary({ coupon }: { coupon: CouponCardView | CouponOfferView }) {
  const t = useStore(couponMessages);
  return (
    <>
      <strong className="coupon-title">{inLanguage(coupon.title, coupon.titleEn)}</strong>
      <span className="coupon-gives">{givesText(coupon, t)}</span>
      {coupon.minSpend > 0 && (
        <small className="muted">{t.minSpend({ amount: formatMoney(coupon.minSpend) })}</small>
      )}
    </>
  );
}

/** When the coupon is good, was used, or ended, in Taipei time. */
export function CouponWhen({ coupon }: { coupon: CouponCardView }) {
  const t = useStore(couponMessages);
  if (coupon.state === 'used' && coupon.usedAt) {
    const date = formatDate(coupon.usedAt);
    return (
      <small className="muted">
        {coupon.usedStoreName ? t.usedAtStore({ date, store: coupon.usedStoreName }) : t.usedAt({ date })}
      </small>
    );
  }
  if (coupon.state === 'void') return <small className="muted">{t.void}</small>;
  if (coupon.state === 'not_yet') {
    return (
      <small>
        <span className="badge not-yet">{t.notYet}</span> {t.startsOn({ date: formatDate(coupon.validFrom) })}
      </small>
    );
  }
  return <small className="muted">{t.validThrough({ date: formatDate(coupon.validUntil) })}</small>;
}

/** One coupon in the wallet's list: a link to its detail. */
export function CouponTile({ coupon }: { coupon: CouponCardView }) {
  return (
    <li>
      <ViewLink page="coupons" coupon={coupon.id} className={`coupon-tile ${coupon.state}`}>
        <CouponFace coupon={coupon} />
        <span className="coupon-words">
          <CouponSummary coupon={coupon} />
          <CouponWhen coupon={coupon} />
        </span>
      </ViewLink>
    </li>
  );
}
