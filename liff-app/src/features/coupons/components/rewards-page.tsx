import { useState } from 'react';
import type { CouponOfferView, ExchangeResult } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { LoadError, Loading } from '../../../components/status.tsx';
import { formatPoints } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useServices } from '../../../lib/services.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { exchangeReward, useRewards } from '../api/rewards.ts';
import { inLanguage } from './coupon-words.ts';
import { claimMessages, rewardsMessages } from './messages.ts';
import { OfferCard } from './offer-card.tsx';
import { ViewLink } from './view-link.tsx';

/**
 * `?page=rewards`: the rewards catalogue. The balance, each coupon with its points price, and 兌換 behind a
 * confirm step that says how many points it takes; a reward the balance cannot pay says why.
 */
export function RewardsPage() {
  const t = useStore(rewardsMessages);
  const c = useStore(claimMessages);
  const rewards = useRewards();
  const [done, setDone] = useState<ExchangeResult | null>(null);
  const balance = done?.balance ?? rewards.data?.balance;
  return (
    <section aria-labelledby="rewards-heading">
      <h1 id="rewards-heading">{t.heading}</h1>
      {rewards.error ? (
        <LoadError error={rewards.error} retry={rewards.reload} />
      ) : !rewards.data || balance === undefined ? (
        <Loading />
      ) : (
        <>
          <p className="panel">
            {t.balance} <strong className="big">{formatPoints(balance)}</strong>
          </p>
          {done && <Exchanged result={done} />}
          {rewards.data.rewards.length === 0 && <p className="panel muted">{t.empty}</p>}
          <ul className="reward-list">
            {rewards.data.rewards.map((reward) => (
              <Reward
                key={reward.templateId}
                reward={reward}
                balance={balance}
                onExchanged={(result) => {
                  setDone(result);
                  rewards.reload();
                }}
              />
            ))}
          </ul>
        </>
      )}
      <ViewLink page="coupons" className="button secondary">
        {c.toWallet}
      </ViewLink>
    </section>
  );
}

function Reward({
  reward,
  balance,
  onExchanged,
}: {
  reward: CouponOfferView;
  balance: number;
  onExchanged: (result: ExchangeResult) => void;
}) {
  const t = useStore(rewardsMessages);
  const c = useStore(claimMessages);
  const { api } = useServices();
  // One key per confirm step: a double tap of 確認兌換 exchanges once; a second exchange is a second step.
  const [key, setKey] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const price = reward.pointsPrice ?? 0;
  const short = price - balance;
  const why = short > 0 ? t.short({ points: formatPoints(short) }) : reward.reason && c[reward.reason];

  async function exchange() {
    setSending(true);
    setRefusal(null);
    try {
      const result = await exchangeReward(api, reward.templateId, key!);
      setKey(null);
      onExchanged(result);
    } catch (error) {
      setRefusal(refusalText(c, error));
    } finally {
      setSending(false);
    }
  }

  const label = `${t.exchange} ${inLanguage(reward.title, reward.titleEn)}`;
  return (
    <li>
      <OfferCard offer={reward}>
        <p className="reward-price">
          <strong>{t.price({ points: formatPoints(price) })}</strong>
        </p>
        {refusal && (
          <p className="refusal" role="alert">
            {refusal}
          </p>
        )}
        {key ? (
          <fieldset className="confirm" aria-label={label}>
            <p>{t.confirm({ points: formatPoints(price) })}</p>
            <button type="button" className="button" disabled={sending} onClick={exchange}>
              {t.confirmButton}
            </button>
            <button
              type="button"
              className="button secondary"
              disabled={sending}
              onClick={() => {
                setKey(null);
                setRefusal(null);
              }}
            >
              {t.cancel}
            </button>
          </fieldset>
        ) : (
          <>
            <button
              type="button"
              className="button"
              disabled={why !== null}
              onClick={() => {
                setKey(crypto.randomUUID());
                setRefusal(null);
              }}
            >
              {t.exchange}
            </button>
            {why && <p className="muted">{why}</p>}
          </>
        )}
      </OfferCard>
    </li>
  );
}

/** After an exchange: the new balance and the way to the coupon in the wallet. */
function Exchanged({ result }: { result: ExchangeResult }) {
  const t = useStore(rewardsMessages);
  const c = useStore(claimMessages);
  return (
    <div className="panel outcome won" role="status">
      <p>{t.exchanged({ points: formatPoints(result.balance) })}</p>
      <ViewLink page="coupons" coupon={result.coupon.id} className="button">
        {c.toWallet}
      </ViewLink>
    </div>
  );
}
