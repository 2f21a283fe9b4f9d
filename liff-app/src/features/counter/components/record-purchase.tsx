import { type FormEvent, useRef, useState } from 'react';
import { Actions } from '../../../components/form-parts.tsx';
import { tierName } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { approveLookup, type Found, type Member } from '../api/member-lookups.ts';
import { type Result, recordPurchase } from '../api/purchases.ts';
import type { ScanInLine } from '../scanner/line-scanner.ts';
import { ChooseCoupons, title } from './choose-coupons.tsx';
import { CounterField } from './counter-field.tsx';
import { couponsDiscount } from './coupon-discount.ts';
import { FindMember } from './find-member.tsx';
import { GiveCoupon } from './give-coupon.tsx';
import { ManagerApproval } from './manager-approval.tsx';
import { counterMessages } from './messages.ts';
import { problemOf } from './problem.ts';

/** One customer at the counter: find them, check out, show what happened. */
export function RecordPurchase({
  onServed,
  scanInLine,
  canGive = false,
}: {
  onServed: () => void;
  scanInLine: ScanInLine | null;
  /** The session may give coupons (coupon.give): the form offers one to the member found. */
  canGive?: boolean;
}) {
  const [found, setFound] = useState<Found | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const next = () => {
    setFound(null);
    setResult(null);
  };
  if (result) return <Receipt result={result} onNext={next} />;
  if (!found) return <FindMember onFound={setFound} scanInLine={scanInLine} />;
  return (
    <PurchaseForm
      found={found}
      canGive={canGive}
      onDone={(done) => {
        setResult(done);
        onServed();
      }}
      onOther={next}
    />
  );
}

function MemberCard({ member }: { member: Member }) {
  const t = useStore(counterMessages);
  return (
    <div className="member-at-counter">
      <div>
        <strong className="member-name">{member.maskedName}</strong>
        <span className="tag" style={{ background: member.tier.color, color: '#fff' }}>
          {tierName(member.tier)}
        </span>
        <span className="field-hint">{member.memberNumber}</span>
      </div>
      <div className="member-balance">
        <span className="field-hint">{t.balance}</span>
        <strong>{t.points({ points: member.balance.toLocaleString('en-US') })}</strong>
      </div>
    </div>
  );
}

function PurchaseForm({
  found: { member, lookup, coupons },
  canGive,
  onDone,
  onOther,
}: {
  found: Found;
  canGive: boolean;
  onDone: (r: Result) => void;
  onOther: () => void;
}) {
  const t = useStore(counterMessages);
  // Only the card's code, or a store manager's approval, lets the member pay with points.
  const [proof, setProof] = useState(lookup.proof);
  const [approving, setApproving] = useState(false);
  const present = proof === 'card' || proof === 'manager_approved';
  const [price, setPrice] = useState('');
  const [reference, setReference] = useState('');
  const [redeem, setRedeem] = useState('');
  // The member's coupons usable here, and any code the clerk scanned or typed that the server found usable.
  const [offered, setOffered] = useState(coupons);
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  // One key per purchase: a retry after a network failure sends the same key, so the points are given once.
  const attempt = useRef<{ key: string; body: string } | null>(null);

  const priceValue = Number(price);
  const { minPoints, pointValue, maxPercent } = member.redemption;
  // Coupons come off first, in the order chosen; points may then pay part of what they left.
  const chosenCoupons = chosen.flatMap((code) => offered.filter((c) => c.code === code));
  const couponDiscount = Number.isInteger(priceValue) ? couponsDiscount(chosenCoupons, priceValue) : 0;
  const afterCoupons = priceValue - couponDiscount;
  const maxPoints = Math.min(
    member.balance,
    Math.floor(Math.floor((afterCoupons * maxPercent) / 100) / pointValue),
  );
  const redeemValue = redeem === '' ? 0 : Number(redeem);
  const canRedeem = present && Number.isInteger(priceValue) && maxPoints >= minPoints;
  // A redemption the counter would refuse has no amount to pay yet: showing one would be charging a wrong sum.
  const redemptionRefused =
    redeemValue > 0 &&
    (!canRedeem || redeemValue < minPoints || redeemValue > maxPoints || !!problem?.fields.redeemPoints);
  // Likewise coupons the counter would refuse: below their minimum spend, or not stackable with the others.
  const couponsRefused =
    chosenCoupons.some((c) => priceValue < c.minSpend) ||
    (chosenCoupons.length > 1 && chosenCoupons.some((c) => !c.stackable));
  const toPay =
    Number.isInteger(priceValue) && priceValue > 0 && !redemptionRefused && !couponsRefused
      ? afterCoupons - redeemValue * pointValue
      : null;
  // A field's error goes as soon as the clerk corrects the field, not at the next submit.
  const corrected = (name: string) =>
    setProblem((shown) => {
      if (!shown?.fields[name]) return shown;
      const { [name]: _gone, ...fields } = shown.fields;
      // The message repeats the first field's problem: with every field corrected, nothing is left to say.
      return Object.keys(fields).length > 0 ? { ...shown, fields } : null;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const body = {
      lookupToken: lookup.token,
      price: priceValue,
      redeemPoints: redeemValue,
      couponCodes: chosen,
      reference: reference.trim(),
    };
    const signature = JSON.stringify(body);
    if (attempt.current?.body !== signature) attempt.current = { key: crypto.randomUUID(), body: signature };
    setBusy(true);
    setProblem(null);
    try {
      onDone(await recordPurchase({ ...body, idempotencyKey: attempt.current.key }));
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-label={t.confirm}>
      <MemberCard member={member} />
      <form onSubmit={submit} noValidate>
        <CounterField name="price" label={t.price} problem={problem?.fields.price}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={price}
              onChange={(event) => {
                setPrice(event.target.value.replace(/\D/g, ''));
                corrected('price');
              }}
            />
          )}
        </CounterField>
        <CounterField name="reference" label={t.reference} problem={problem?.fields.reference}>
          {(props) => (
            <input
              {...props}
              autoComplete="off"
              value={reference}
              onChange={(event) => {
                setReference(event.target.value);
                corrected('reference');
              }}
            />
          )}
        </CounterField>
        <ChooseCoupons
          offered={offered}
          chosen={chosen}
          price={Number.isInteger(priceValue) ? priceValue : 0}
          present={present}
          lookupToken={lookup.token}
          onOffer={(coupon) =>
            setOffered((shown) => (shown.some((c) => c.code === coupon.code) ? shown : [...shown, coupon]))
          }
          onChoose={setChosen}
        />
        {canGive && (
          <GiveCoupon memberId={member.id} onGiven={(coupon) => setOffered((shown) => [...shown, coupon])} />
        )}
        <CounterField
          name="redeemPoints"
          label={t.redeem}
          problem={problem?.fields.redeemPoints}
          hint={
            !present
              ? t.needsCard
              : canRedeem
                ? t.redeemHint({ min: minPoints, max: maxPoints, value: pointValue })
                : t.redeemNone({ price: Math.ceil((minPoints * pointValue * 100) / maxPercent) })
          }
        >
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={redeem}
              disabled={!canRedeem}
              onChange={(event) => {
                setRedeem(event.target.value.replace(/\D/g, ''));
                corrected('redeemPoints');
              }}
            />
          )}
        </CounterField>
        {proof === 'manager_approved' && <p className="notice">{t.memberApproved}</p>}
        {!present && !approving && (
          <button type="button" className="link approve-member" onClick={() => setApproving(true)}>
            {t.approveMember}
          </button>
        )}
        {toPay !== null && couponDiscount > 0 && (
          <p className="field-hint">
            {t.totalWithCoupons({
              price: priceValue.toLocaleString('en-US'),
              coupons: couponDiscount.toLocaleString('en-US'),
              points: (redeemValue * pointValue).toLocaleString('en-US'),
            })}
          </p>
        )}
        {toPay !== null && <p className="to-pay">{t.toPay({ amount: toPay.toLocaleString('en-US') })}</p>}
        <Actions
          problem={problem && Object.keys(problem.fields).length === 0 && problem.message}
          submit={t.confirm}
          busy={busy}
          busyLabel={t.saving}
          cancel={t.other}
          onCancel={onOther}
        />
      </form>
      {approving && (
        <ManagerApproval
          reason="member"
          cancelLabel={t.cancel}
          onCancel={() => setApproving(false)}
          send={async (approval) => {
            const approved = await approveLookup(lookup.token, approval);
            setProof(approved.lookup.proof);
            setApproving(false);
          }}
        />
      )}
    </section>
  );
}

function Receipt({ result, onNext }: { result: Result; onNext: () => void }) {
  const t = useStore(counterMessages);
  const { purchase, balance, tierChange } = result;
  return (
    <section className="panel receipt" role="status" aria-label={t.done}>
      <h1>{t.done}</h1>
      <p>{t.receiptPrice({ amount: purchase.price.toLocaleString('en-US') })}</p>
      {purchase.coupons.map((coupon) => (
        <p key={coupon.code}>
          {t.receiptCoupon({ title: title(coupon), discount: coupon.discount.toLocaleString('en-US') })}
        </p>
      ))}
      <p>{t.receiptPaid({ amount: purchase.paid.toLocaleString('en-US') })}</p>
      <p className="earned">{t.earned({ points: purchase.pointsEarned })}</p>
      {purchase.pointsRedeemed > 0 && (
        <p>{t.redeemed({ points: purchase.pointsRedeemed, discount: purchase.discount })}</p>
      )}
      <p>{t.newBalance({ points: balance.toLocaleString('en-US') })}</p>
      {tierChange && <p className="notice">{t.upgraded({ tier: tierName(tierChange.to) })}</p>}
      <button type="button" className="button" onClick={onNext}>
        {t.next}
      </button>
    </section>
  );
}
