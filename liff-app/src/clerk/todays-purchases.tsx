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
  const [refunding, setRefunding] = useState<{ id: number; amount: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per void or refund being confirmed: pressing again after a network failure does not refund twice.
  const keys = useRef(new Map<string, string>());
  const keyFor = (what: string) =>
    keys.current.get(what) ?? keys.current.set(what, crypto.randomUUID()).get(what)!;

  const load = useCallback(() => {
    counterApi.today().then(setPurchases, (error) => setProblem(problemOf(error).message));
  }, []);
  useEffect(load, [load]);

  const act = async (send: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await send();
      setConfirming(null);
      setRefunding(null);
      load();
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };
  const voidIt = (id: number) => act(() => counterApi.voidPurchase(id, keyFor(`void:${id}`)));
  const refundIt = (id: number, amount: number) =>
    act(() => counterApi.refund(id, amount, keyFor(`refund:${id}:${amount}`)));

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
            {canVoid && p.status !== 'voided' && p.status !== 'refunded' && refunding?.id !== p.id && (
              <button type="button" className="link" onClick={() => setRefunding({ id: p.id, amount: '' })}>
                {t.refund}
                <span className="visually-hidden"> {p.reference}</span>
              </button>
            )}
            {refunding?.id === p.id && (
              <span className="confirm field">
                <label htmlFor={`refund-${p.id}`}>{t.refundAmount({ max: p.paid - p.refundedAmount })}</label>
                <input
                  id={`refund-${p.id}`}
                  inputMode="numeric"
                  value={refunding.amount}
                  onChange={(event) =>
                    setRefunding({ id: p.id, amount: event.target.value.replace(/\D/g, '') })
                  }
                />
                <button
                  type="button"
                  className="link danger"
                  onClick={() => void refundIt(p.id, Number(refunding.amount))}
                >
                  {t.refundYes}
                </button>
                <button type="button" className="link" onClick={() => setRefunding(null)}>
                  {t.cancel}
                </button>
              </span>
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
