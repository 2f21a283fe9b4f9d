import { useRef, useState } from 'react';
import { Problem } from '../../../components/form-parts.tsx';
import { formatTime } from '../../../lib/format.ts';
import { useResource } from '../../../lib/use-resource.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { Approval } from '../api/member-lookups.ts';
import { refundPurchase, type Today, todaysPurchases, voidPurchase } from '../api/purchases.ts';
import { title } from './choose-coupons.tsx';
import { ManagerApproval } from './manager-approval.tsx';
import { counterMessages } from './messages.ts';
import { problemOf } from './problem.ts';

type Purchase = Today[number];
/** A void or a refund being confirmed; `approval`: a store manager is asked on this device first. */
type Pending = { kind: 'void'; id: number } | { kind: 'refund'; id: number; amount: string };

/**
 * Today's purchases at this store, newest first, each with its refunds and void. A store manager voids or
 * refunds after confirming (`canVoid`); a clerk does it with a store manager's approval typed on this device.
 */
export function TodaysPurchases({ canVoid }: { canVoid: boolean }) {
  const t = useStore(counterMessages);
  const today = useResource(todaysPurchases, 'today');
  const purchases = today.data;
  const [pending, setPending] = useState<Pending | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per void or refund being confirmed: pressing again after a network failure does not refund twice.
  const keys = useRef(new Map<string, string>());
  const keyFor = (what: string) =>
    keys.current.get(what) ?? keys.current.set(what, crypto.randomUUID()).get(what)!;

  const send = async (what: Pending, approval?: Approval) => {
    if (what.kind === 'void') await voidPurchase(what.id, keyFor(`void:${what.id}`), approval);
    else {
      const amount = Number(what.amount);
      await refundPurchase(what.id, amount, keyFor(`refund:${what.id}:${amount}`), approval);
    }
    setPending(null);
    today.reload();
  };
  const confirm = async (what: Pending) => {
    setProblem(null);
    try {
      await send(what);
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };

  return (
    <section className="panel" aria-label={t.today}>
      <h2>{t.today}</h2>
      <Problem>{problem ?? (today.error ? problemOf(today.error).message : null)}</Problem>
      {purchases?.length === 0 && <p className="status">{t.noneToday}</p>}
      <ul className="today">
        {purchases?.map((p) => (
          <li key={p.id} className={p.status === 'completed' ? '' : 'inactive'}>
            <PurchaseRow purchase={p} />
            {pending?.id !== p.id && (
              <Actions
                purchase={p}
                onPick={(what) => {
                  setProblem(null);
                  setPending(what);
                }}
              />
            )}
            {pending?.id === p.id && pending.kind === 'refund' && (
              <span className="confirm field">
                <label htmlFor={`refund-${p.id}`}>{t.refundAmount({ max: p.paid - p.refundedAmount })}</label>
                <input
                  id={`refund-${p.id}`}
                  inputMode="numeric"
                  value={pending.amount}
                  onChange={(event) =>
                    setPending({ ...pending, amount: event.target.value.replace(/\D/g, '') })
                  }
                />
              </span>
            )}
            {pending?.id === p.id && pending.kind === 'void' && (
              <span className="confirm" role="alert">
                {t.voidConfirm}
                {p.coupons.length > 0 && t.voidGivesCoupons}
              </span>
            )}
            {pending?.id === p.id && canVoid && (
              <span className="confirm">
                <button type="button" className="link danger" onClick={() => void confirm(pending)}>
                  {pending.kind === 'void' ? t.voidYes : t.refundYes}
                </button>
                <button type="button" className="link" onClick={() => setPending(null)}>
                  {t.cancel}
                </button>
              </span>
            )}
            {pending?.id === p.id && !canVoid && (
              <ManagerApproval
                reason="void"
                cancelLabel={t.cancel}
                onCancel={() => setPending(null)}
                send={(approval) => send(pending, approval)}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** What happened, in the glossary's words: price before discount, amount paid, points, then refunds and voids. */
function PurchaseRow({ purchase: p }: { purchase: Purchase }) {
  const t = useStore(counterMessages);
  const money = (amount: number) => amount.toLocaleString('en-US');
  const statusText = { voided: t.voided, refunded: t.refunded, partly_refunded: t.partly, completed: '' };
  return (
    <>
      <span>{formatTime(p.occurredAt)}</span>
      <span>
        {p.reference}・{p.maskedName}
      </span>
      <span>{t.rowAmounts({ price: money(p.price), paid: money(p.paid) })}</span>
      {p.couponDiscount > 0 && <span>{t.rowCoupons({ amount: money(p.couponDiscount) })}</span>}
      {p.coupons.map((coupon) => (
        <span key={coupon.code} className="tag">
          {title(coupon)}
        </span>
      ))}
      {p.pointsEarned > 0 && <span>{t.rowEarned({ points: `+${p.pointsEarned}` })}</span>}
      {p.pointsRedeemed > 0 && <span>{t.rowRedeemed({ points: p.pointsRedeemed })}</span>}
      {statusText[p.status] && <span className="tag off">{statusText[p.status]}</span>}
      {p.refunds.map((r) => {
        const time = formatTime(r.occurredAt);
        return (
          <span key={`${r.occurredAt}-${r.amount}`} className="field-hint">
            {r.isVoid ? t.rowVoid({ time }) : t.rowRefund({ time, amount: money(r.amount) })}
            {r.staffName && t.by({ name: r.staffName })}
          </span>
        );
      })}
    </>
  );
}

function Actions({ purchase: p, onPick }: { purchase: Purchase; onPick: (what: Pending) => void }) {
  const t = useStore(counterMessages);
  // On a line of their own, so void and refund sit together however the row's details wrap.
  return (
    <span className="row-actions">
      {p.status === 'completed' && (
        <button type="button" className="link danger" onClick={() => onPick({ kind: 'void', id: p.id })}>
          {t.void}
          <span className="visually-hidden"> {p.reference}</span>
        </button>
      )}
      {p.status !== 'voided' && p.status !== 'refunded' && (
        <button
          type="button"
          className="link"
          onClick={() => onPick({ kind: 'refund', id: p.id, amount: '' })}
        >
          {t.refund}
          <span className="visually-hidden"> {p.reference}</span>
        </button>
      )}
    </span>
  );
}
