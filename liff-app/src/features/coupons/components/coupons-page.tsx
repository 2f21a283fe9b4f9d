import { type ReactNode, useEffect, useState } from 'react';
import type { WalletResponse } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { LoadError, Loading } from '../../../components/status.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { useWallet } from '../api/wallet.ts';
import { ClaimOffer } from './claim-offer.tsx';
import { CouponDetail } from './coupon-detail.tsx';
import { CouponTile } from './coupon-tile.tsx';
import { couponMessages } from './messages.ts';
import { RewardsPage } from './rewards-page.tsx';
import { ViewLink } from './view-link.tsx';
import { forgetViewWhenLeft, useIdInUrl, usePageInUrl } from './wallet-route.ts';

type Tab = keyof WalletResponse;
const tabs: readonly Tab[] = ['usable', 'used', 'expired'];
const empty = { usable: 'emptyUsable', used: 'emptyUsed', expired: 'emptyExpired' } as const;

/**
 * `?page=coupons`: the wallet; with `&coupon={id}` one coupon's detail; with `&claim={templateId}` the offer a
 * claim link or a Flex button opened; `?page=rewards`: the rewards catalogue. One lazy chunk for all four, off
 * the card's path: each chunk the card's entry can load costs it its file name (ADR 10). `card` is the member
 * card a coupon's detail shows for using it, handed in by app/ (one feature never imports another, ADR 21).
 */
export default function CouponsPage({ card }: { card: ReactNode }) {
  useEffect(() => forgetViewWhenLeft, []);
  const coupon = useIdInUrl('coupon');
  const claim = useIdInUrl('claim');
  if (usePageInUrl() === 'rewards') return <RewardsPage />;
  if (claim) return <ClaimOffer templateId={claim} />;
  if (coupon) return <CouponDetail id={coupon} card={card} />;
  return <Wallet />;
}

/** The member's coupons under three tabs: usable (and not yet valid), used, expired. */
function Wallet() {
  const t = useStore(couponMessages);
  const wallet = useWallet();
  const [tab, setTab] = useState<Tab>('usable');
  const shown = wallet.data?.[tab] ?? [];
  return (
    <section aria-labelledby="coupons-heading">
      <h1 id="coupons-heading">{t.heading}</h1>
      <div className="wallet-tabs" role="tablist">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls="wallet-list"
            onClick={() => setTab(name)}
          >
            {t[name]}
            {name === 'usable' && wallet.data?.usable.length ? ` ${wallet.data.usable.length}` : ''}
          </button>
        ))}
      </div>
      <div id="wallet-list" role="tabpanel" aria-label={t[tab]}>
        {wallet.error ? (
          <LoadError error={wallet.error} retry={wallet.reload} />
        ) : !wallet.data ? (
          <Loading />
        ) : shown.length === 0 ? (
          <p className="panel muted">{t[empty[tab]]}</p>
        ) : (
          <ul className="coupon-list">
            {shown.map((coupon) => (
              <CouponTile key={coupon.id} coupon={coupon} />
            ))}
          </ul>
        )}
      </div>
      <ViewLink page="rewards" className="button secondary">
        {t.toRewards}
      </ViewLink>
    </section>
  );
}
