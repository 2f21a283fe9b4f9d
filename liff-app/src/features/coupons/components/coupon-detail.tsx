import { type ReactNode, useState } from 'react';
import type { CouponCardView } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { LoadError, Loading } from '../../../components/status.tsx';
import { errorCode } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useCoupon } from '../api/wallet.ts';
import { CouponFace, CouponSummary, CouponWhen } from './coupon-tile.tsx';
import { inLanguage } from './coupon-words.ts';
import { couponMessages } from './messages.ts';
import { ShowCard } from './show-card.tsx';
import { ViewLink } from './view-link.tsx';

/** `?page=coupons&coupon={id}`: one coupon's terms, validity, stores, channels and code, and how to use it. */
export function CouponDetail({ id, card }: { id: number; card: ReactNode }) {
  const t = useStore(couponMessages);
  const coupon = useCoupon(id);
  const back = (
    <ViewLink page="coupons" className="button secondary">
      {t.back}
    </ViewLink>
  );
  if (coupon.error) {
    return errorCode(coupon.error) === 'COUPON_NOT_FOUND' ? (
      <section>
        <p className="status" role="alert">
          {t.notFound}
        </p>
        {back}
      </section>
    ) : (
      <LoadError error={coupon.error} retry={coupon.reload} />
    );
  }
  if (!coupon.data) return <Loading />;
  return (
    <section aria-labelledby="coupon-heading">
      <h1 id="coupon-heading">{inLanguage(coupon.data.title, coupon.data.titleEn)}</h1>
      <Terms coupon={coupon.data} card={card} />
      {back}
    </section>
  );
}

function Terms({ coupon, card }: { coupon: CouponCardView; card: ReactNode }) {
  const t = useStore(couponMessages);
  const [using, setUsing] = useState(false);
  const stores = coupon.stores?.map((store) => store.name).join('、') ?? t.allStores;
  const terms = inLanguage(coupon.terms, coupon.termsEn);
  return (
    <div className={`panel coupon-detail ${coupon.state}`}>
      <div className="coupon-tile">
        <CouponFace coupon={coupon} />
        <span className="coupon-words">
          <CouponSummary coupon={coupon} />
          <CouponWhen coupon={coupon} />
        </span>
      </div>
      <dl>
        <dt>{t.validity}</dt>
        <dd>
          {t.window({ from: formatDateTime(coupon.validFrom), until: formatDateTime(coupon.validUntil) })}
        </dd>
        <dt>{t.stores}</dt>
        <dd>{stores}</dd>
        <dt>{t.channels}</dt>
        <dd>{coupon.channels.map((channel) => t[channel]).join('、')}</dd>
        <dt>{t.code}</dt>
        <dd className="coupon-code">{coupon.code}</dd>
        {terms && (
          <>
            <dt>{t.terms}</dt>
            <dd className="coupon-terms">{terms}</dd>
          </>
        )}
      </dl>
      {coupon.state === 'usable' &&
        (using ? (
          <ShowCard hint={t.useHint} card={card} />
        ) : (
          <button type="button" className="button" onClick={() => setUsing(true)}>
            {t.use}
          </button>
        ))}
    </div>
  );
}
