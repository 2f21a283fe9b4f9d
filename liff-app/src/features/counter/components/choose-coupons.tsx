import { useState } from 'react';
import { formatDate } from '../../../lib/format.ts';
import { locale } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type Coupon, validateCoupon } from '../api/coupons.ts';
import { CounterField } from './counter-field.tsx';
import { counterErrors, counterMessages } from './messages.ts';
import { problemOf } from './problem.ts';

const money = (amount: number) => amount.toLocaleString('en-US');
/** Codes as printed: what a scanner or a clerk types in lower case or with spaces is the same code. */
const normal = (code: string) => code.replace(/\s+/g, '').toUpperCase();
/** Coupon codes are 10 characters: a full one is checked at once, as it is scanned or typed. */
const CODE_LENGTH = 10;

/** What a coupon gives, in the clerk's words. */
export function couponGives(
  coupon: Pick<Coupon, 'kind' | 'amountOff' | 'percentOff' | 'maxDiscount' | 'giftName'>,
): string {
  const t = counterMessages.get();
  if (coupon.kind === 'amount_off') return t.couponAmountOff({ amount: money(coupon.amountOff ?? 0) });
  if (coupon.kind === 'percent_off')
    return t.couponPercentOff({ percent: coupon.percentOff ?? 0, max: money(coupon.maxDiscount ?? 0) });
  return t.couponGift({ gift: coupon.giftName ?? '' });
}

/**
 * The member's coupons as choices (what each gives, its minimum spend, its last day in Taipei), and a field to
 * scan or type a code, checked by the server with the price as typed; a usable code joins the choices, chosen.
 * Only a member shown by card (or approved by a manager) may use one, as for points.
 */
export function ChooseCoupons({
  offered,
  chosen,
  price,
  present,
  lookupToken,
  onOffer,
  onChoose,
}: {
  offered: Coupon[];
  chosen: string[];
  price: number;
  present: boolean;
  lookupToken: string;
  onOffer: (coupon: Coupon) => void;
  onChoose: (codes: string[]) => void;
}) {
  const t = useStore(counterMessages);
  const errors = useStore(counterErrors);
  const [code, setCode] = useState('');
  const [said, setSaid] = useState<{ problem?: string; done?: string } | null>(null);
  const picked = offered.filter((c) => chosen.includes(c.code));
  const notStackable = picked.length > 1 && picked.some((c) => !c.stackable);

  const check = async (typed: string) => {
    if (!(price > 0)) return setSaid({ problem: t.couponPriceFirst });
    try {
      const answer = await validateCoupon({ code: typed, price, lookupToken });
      if (!answer.usable) {
        // The server's sentence is zh-TW and exact (未達最低消費 NT$500，本次消費 NT$300); English by its code.
        const text = (errors as unknown as Record<string, unknown>)[answer.reason];
        const english = typeof text === 'string' ? text : errors.failed;
        return setSaid({ problem: locale.get() === 'zh-TW' ? answer.message : english });
      }
      onOffer(answer.coupon);
      if (!chosen.includes(answer.coupon.code)) onChoose([...chosen, answer.coupon.code]);
      setCode('');
      setSaid({ done: t.couponAdded({ title: title(answer.coupon) }) });
    } catch (error) {
      setSaid({ problem: problemOf(error).message });
    }
  };

  return (
    <fieldset className="coupons">
      <legend>{t.coupons}</legend>
      {!present && <p className="field-hint">{t.couponNeedsCard}</p>}
      {offered.length === 0 && <p className="field-hint">{t.couponsNone}</p>}
      {offered.length > 0 && (
        <ul className="coupon-choices">
          {offered.map((coupon) => {
            const below = price > 0 && price < coupon.minSpend;
            return (
              <li key={coupon.code}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.includes(coupon.code)}
                    disabled={!present}
                    onChange={(event) =>
                      onChoose(
                        event.target.checked
                          ? [...chosen, coupon.code]
                          : chosen.filter((c) => c !== coupon.code),
                      )
                    }
                  />
                  <span>
                    <strong>{title(coupon)}</strong>
                    <span className="coupon-gives">{couponGives(coupon)}</span>
                    <span className="field-hint">
                      {coupon.minSpend > 0 && `${t.couponMinSpend({ amount: money(coupon.minSpend) })}・`}
                      {t.couponUntil({ date: formatDate(coupon.validUntil) })}
                    </span>
                  </span>
                </label>
                {below && (
                  <p className="field-error">{t.couponBelowMin({ amount: money(coupon.minSpend) })}</p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {notStackable && <p className="field-error">{t.couponNotStackable}</p>}
      <CounterField name="couponCode" label={t.couponCode} hint={t.couponCodeHint}>
        {(props) => (
          <div className="row">
            <input
              {...props}
              autoComplete="off"
              autoCapitalize="characters"
              value={code}
              disabled={!present}
              onChange={(event) => {
                setCode(event.target.value);
                setSaid(null);
                const typed = normal(event.target.value);
                if (typed.length === CODE_LENGTH) void check(typed);
              }}
            />
            <button
              type="button"
              className="button inline"
              disabled={!present || normal(code) === ''}
              onClick={() => void check(normal(code))}
            >
              {t.couponUse}
            </button>
          </div>
        )}
      </CounterField>
      {said?.problem && (
        <p className="form-error" role="alert">
          {said.problem}
        </p>
      )}
      {said?.done && (
        <p className="notice" role="status">
          {said.done}
        </p>
      )}
    </fieldset>
  );
}

/** A coupon's title in the clerk's language. */
export const title = (coupon: { title: string; titleEn: string }) =>
  locale.get() === 'en' ? coupon.titleEn : coupon.title;
