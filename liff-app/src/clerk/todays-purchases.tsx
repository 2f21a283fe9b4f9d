import { useCallback, useEffect, useRef, useState } from 'react';
import { useStore } from '../lib/use-store.ts';
import { formatTime } from '../staff/i18n.ts';
import { counterApi, problemOf, type Today } from './api.ts';
import { clerkMessages } from './messages.ts';

/** Today's purchases at this store, newest first; a store manager can void one after confirming. */
export function TodaysPurchases({ canVoid }: { canVoid: boolean }) {
  const t = useStore(clerkMessages);
  const [purchases, setPurchases] = useState<Today | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const voidKeys = useRef(new Map<number, string>());

  const load = useCallback(() => {
    counterApi.today().then(setPurchases, (error) => setProblem(problemOf(error).message));
  }, []);
  useEffect(load, [load]);

  const voidIt = async (id: number) => {
    const key = voidKeys.current.get(id) ?? crypto.randomUUID();
    voidKeys.current.set(id, key);
    setProblem(null);
    try {
      await counterApi.voidPurchase(id, key);
      setConfirming(null);
      load();
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };

  const statusText = { voided: t.voided, refunded: t.refunded, partly_refunded: t.partly, completed: '' };
  return (
    <section className="panel" aria-label={t.today}>
      <h2>{t.today}</h2>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {purchases?.length === 0 && <p className="status">{t.noneToday}</p>}
      <ul className="today">
        {purchases?.map((p) => (
          <li key={p.id} className={p.status === 'completed' ? '' : 'inactive'}>
            <span>{formatTime(p.occurredAt)}</span>
            <span>
              {p.reference}・{p.maskedName}
            </span>
            <span>
              NT${p.paid.toLocaleString('en-US')}・+{p.pointsEarned}
              {p.pointsRedeemed > 0 && `/-${p.pointsRedeemed}`}
            </span>
            {statusText[p.status] && <span className="tag off">{statusText[p.status]}</span>}
            {canVoid && p.status === 'completed' && confirming !== p.id && (
              <button type="button" className="link danger" onClick={() => setConfirming(p.id)}>
                {t.void}
                <span className="visually-hidden"> {p.reference}</span>
              </button>
            )}
            {confirming === p.id && (
              <span className="confirm" role="alert">
                {t.voidConfirm}
                <button type="button" className="link danger" onClick={() => void voidIt(p.id)}>
                  {t.voidYes}
                </button>
                <button type="button" className="link" onClick={() => setConfirming(null)}>
                  {t.cancel}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
