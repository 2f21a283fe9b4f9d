import { useState } from 'react';
import type { CouponTemplateResults } from '../../../../../bot/schemas/coupon-results-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatMoney } from '../../../lib/format.ts';
import { formatPoints, params } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type CouponTemplate, useCouponResults } from '../api/coupon-templates.ts';
import { couponErrorMessages, couponMessages, couponRefusals } from './coupon-messages.ts';
import { offerWords, titleOf, validityWords } from './coupon-words.ts';
import { Listing } from './listing.tsx';

export const couponResultsMessages = staffI18n('staffCouponResults', {
  heading: params('成效：{title}'),
  back: '回到優惠券',
  loading: '載入中…',
  issued: '已發出',
  claimed: '會員取得（非員工發送）',
  how: '發出方式',
  staff: '員工發送',
  claim: '領取連結',
  lottery: '抽獎中獎',
  points: '點數兌換',
  join: '入會贈送',
  tier: '升等贈送',
  birthday: '生日贈送',
  draws: '抽獎次數',
  unused: '未使用',
  used: '已使用',
  expired: '已過期',
  void: '已作廢',
  discountGiven: '已折抵金額',
  budget: '折扣預算',
  budgetLeft: '預算剩餘',
  withEarlier: '含這張優惠券的先前版本（修改內容時建立的新版本之前）',
  versions: params('合計 {count} 個版本'),
  noBudget: '不限',
  byStore: '各門市',
  store: '門市',
  noStore: '線上（無門市）',
  storeUsed: '使用張數',
  storeDiscount: '折抵金額',
  sales: '營業額',
  salesHint:
    '營業額：使用這張優惠券的消費實付金額（已扣除優惠券與點數折抵，再扣除之後的退款）；作廢的消費不計。',
  noUse: '還沒有人使用這張優惠券。',
  claimLink: '領取連結（會員在 LINE 開啟即可領取）',
});

const HOWS = ['staff', 'claim', 'lottery', 'points', 'join', 'tier', 'birthday'] as const;

/**
 * How one template did (issue 13, point 5): issued by way in, used, expired, void, the discount against its
 * budget, and by store the coupons used, their discount and the sales of the purchases that used them.
 */
export function CouponResults({
  templateId,
  template,
  claimLink,
  onBack,
}: {
  templateId: number;
  template: CouponTemplate | undefined;
  claimLink: string | null;
  onBack: () => void;
}) {
  const t = useStore(couponResultsMessages);
  const words = useStore(couponMessages);
  const refusals = couponRefusals(useStore(errorMessages), useStore(couponErrorMessages));
  const [withEarlier, setWithEarlier] = useState(false);
  const results = useCouponResults(templateId, withEarlier);
  const r = results.data;
  return (
    <section aria-labelledby="coupon-results-heading">
      <div className="page-head">
        <h1 id="coupon-results-heading">
          {t.heading({ title: template ? titleOf(template) : `#${templateId}` })}
        </h1>
        <button type="button" className="button inline secondary" onClick={onBack}>
          {t.back}
        </button>
      </div>
      {template && (
        <p>
          {offerWords(words, template)}
          {words.between}
          {validityWords(words, template)}
        </p>
      )}
      {claimLink && (
        <div className="field">
          <label htmlFor="claim-link">{t.claimLink}</label>
          <input id="claim-link" readOnly value={claimLink} onFocus={(event) => event.target.select()} />
        </div>
      )}
      {template?.previousId != null && (
        <label className="check">
          <input type="checkbox" checked={withEarlier} onChange={(e) => setWithEarlier(e.target.checked)} />
          {t.withEarlier}
        </label>
      )}
      {withEarlier && r && <p className="field-hint">{t.versions({ count: r.versions.length })}</p>}
      <Problem>{results.error ? refusalText(refusals, results.error) : null}</Problem>
      {!r && !results.error && <p className="status">{t.loading}</p>}
      {r && <Figures results={r} />}
      {r && (
        <>
          <h2>{t.byStore}</h2>
          <p className="field-hint">{t.salesHint}</p>
          <Listing
            rows={r.byStore}
            empty={t.noUse}
            columns={[t.store, t.storeUsed, t.storeDiscount, t.sales]}
          >
            {(row) => (
              <tr key={row.storeId ?? 'none'}>
                <td data-label={t.store}>{row.storeName ?? t.noStore}</td>
                <td data-label={t.storeUsed}>{formatPoints(row.used)}</td>
                <td data-label={t.storeDiscount}>{formatMoney(row.discount)}</td>
                <td data-label={t.sales}>{formatMoney(row.sales)}</td>
              </tr>
            )}
          </Listing>
        </>
      )}
    </section>
  );
}

function Figures({ results: r }: { results: CouponTemplateResults }) {
  const t = useStore(couponResultsMessages);
  const figure = (label: string, value: string) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const n = formatPoints;
  return (
    <>
      <dl className="figures">
        {figure(t.issued, n(r.issued))}
        {figure(t.claimed, n(r.claimed))}
        {figure(t.used, n(r.used))}
        {figure(t.unused, n(r.unused))}
        {figure(t.expired, n(r.expired))}
        {figure(t.void, n(r.void))}
        {figure(t.discountGiven, formatMoney(r.discountGiven))}
        {figure(t.budget, r.budget === null ? t.noBudget : formatMoney(r.budget))}
        {r.budgetLeft !== null && figure(t.budgetLeft, formatMoney(r.budgetLeft))}
      </dl>
      <h2>{t.how}</h2>
      <dl className="figures">
        {HOWS.filter((how) => how === 'staff' || r.byHow[how] > 0).map((how) =>
          figure(t[how], n(r.byHow[how])),
        )}
        {r.draws > 0 && figure(t.draws, n(r.draws))}
      </dl>
    </>
  );
}
