import { useEffect } from 'react';
import { LoadError, Loading } from '../../../components/status.tsx';
import { formatPoints, i18n, params, tierName } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useCard } from '../api/get-card.ts';
import { Barcode } from './barcode.tsx';
import { QrCode } from './qr-code.tsx';
import { useCardCode } from './use-card-code.ts';

export const cardMessages = i18n('card', {
  heading: '會員卡',
  points: '點數',
  offline: '離線中',
  countdown: params('{seconds} 秒後更新'),
  brightness: '結帳時請將螢幕調亮，出示條碼給店員掃描。',
  qrLabel: '會員 QR code',
  barcodeLabel: '會員條碼',
});

/** The balance follows a purchase at the counter without a reload: the card is read again this often. */
const REFRESH_MS = 10_000;

/** Calls `refresh` every `ms` while the page is on screen, and at once when it comes back on screen. */
function useWhileVisible(refresh: () => void, ms: number) {
  useEffect(() => {
    const tick = () => document.visibilityState === 'visible' && refresh();
    const timer = setInterval(tick, ms);
    document.addEventListener('visibilitychange', tick);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', tick);
    };
  }, [refresh, ms]);
}

/** The member card: name, tier, points, and a code that rotates; shown from the offline copy without network. */
export function CardPage() {
  const card = useCard();
  useWhileVisible(card.reload, REFRESH_MS);
  if (card.error && !card.data) return <LoadError error={card.error} retry={card.reload} />;
  if (!card.data) return <Loading />;
  return <MemberCard {...card.data} />;
}

function MemberCard({ card, offline }: NonNullable<ReturnType<typeof useCard>['data']>) {
  const t = useStore(cardMessages);
  const { code, secondsLeft } = useCardCode(card);
  const { member } = card;
  return (
    <section className="card" aria-label={t.heading} data-code={code ?? undefined}>
      <header className="card-head" style={{ background: member.tier.color }}>
        <h1>{member.name}</h1>
        <span className="badge">{tierName(member.tier)}</span>
        {offline && <span className="badge offline">{t.offline}</span>}
        <p className="balance">
          <strong>{formatPoints(member.pointsBalance)}</strong> {t.points}
        </p>
      </header>
      {code && (
        <div className="codes">
          <QrCode text={code} label={t.qrLabel} />
          <Barcode text={code} label={t.barcodeLabel} />
          <p className="code-text">{code}</p>
          <p className="countdown" aria-live="off">
            {t.countdown({ seconds: secondsLeft })}
          </p>
        </div>
      )}
      <p className="hint">{t.brightness}</p>
    </section>
  );
}
