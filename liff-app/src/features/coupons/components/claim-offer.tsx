import { useState } from 'react';
import type { ClaimResult, CouponOfferView } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { LoadError, Loading } from '../../../components/status.tsx';
import { errorCode } from '../../../lib/api-client.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useServices } from '../../../lib/services.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { claimCoupon, useOffer } from '../api/claim.ts';
import { claimMessages } from './messages.ts';
import { OfferCard } from './offer-card.tsx';
import { ViewLink } from './view-link.tsx';

/**
 * `?page=coupons&claim={templateId}`: the offer a claim link or a Flex button opened, and 領取 (or 抽獎 for a
 * lottery). One idempotency key per page view: a double tap, or a retry after a lost answer, claims once.
 */
export function ClaimOffer({ templateId }: { templateId: number }) {
  const t = useStore(claimMessages);
  const offer = useOffer(templateId);
  if (offer.error) {
    return errorCode(offer.error) === 'COUPON_TEMPLATE_NOT_FOUND' ? (
      <Refused text={t.COUPON_TEMPLATE_NOT_FOUND} />
    ) : (
      <LoadError error={offer.error} retry={offer.reload} />
    );
  }
  if (!offer.data) return <Loading />;
  return <Claim offer={offer.data} />;
}

function Claim({ offer }: { offer: CouponOfferView }) {
  const t = useStore(claimMessages);
  const { api } = useServices();
  const [key] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [result, setResult] = useState<ClaimResult | null>(null);
  const [refusal, setRefusal] = useState<string | null>(offer.reason && t[offer.reason]);
  const lottery = offer.lotteryWinPercent !== null;

  async function claim() {
    setSending(true);
    setRefusal(null);
    try {
      setResult(await claimCoupon(api, offer.templateId, key));
    } catch (error) {
      setRefusal(refusalText(t, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <section aria-labelledby="claim-heading">
      <h1 id="claim-heading">{t.heading}</h1>
      <OfferCard offer={offer}>
        {lottery && <p className="muted">{t.odds({ percent: offer.lotteryWinPercent ?? 0 })}</p>}
      </OfferCard>
      {result ? (
        <Outcome result={result} lottery={lottery} />
      ) : (
        <>
          {refusal && (
            <p className="panel refusal" role="alert">
              {refusal}
            </p>
          )}
          {offer.canClaim && (
            <button type="button" className="button" disabled={sending} onClick={claim}>
              {sending ? t.sending : lottery ? t.draw : t.claim}
            </button>
          )}
          <ViewLink page="coupons" className="button secondary">
            {t.toWallet}
          </ViewLink>
        </>
      )}
    </section>
  );
}

/** 恭喜中獎！ or 銘謝惠顧 for a draw, or the claimed coupon, and the way to the wallet. */
function Outcome({ result, lottery }: { result: ClaimResult; lottery: boolean }) {
  const t = useStore(claimMessages);
  const won = result.outcome === 'issued';
  return (
    <>
      <div className={`panel outcome ${won ? 'won' : 'lost'}`} role="status">
        <strong className="big">{won ? (lottery ? t.won : t.claimed) : t.lost}</strong>
        {!won && <p>{t.lostMore}</p>}
      </div>
      <ViewLink page="coupons" coupon={result.coupon?.id} className={won ? 'button' : 'button secondary'}>
        {t.toWallet}
      </ViewLink>
    </>
  );
}

function Refused({ text }: { text: string }) {
  const t = useStore(claimMessages);
  return (
    <section>
      <p className="status" role="alert">
        {text}
      </p>
      <ViewLink page="coupons" className="button secondary">
        {t.toWallet}
      </ViewLink>
    </section>
  );
}
