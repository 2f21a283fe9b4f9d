import { problemText } from '../../../components/field.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { FieldGroup } from './console-form.tsx';
import type { AutoIssue, Draft } from './coupon-draft.ts';
import { CouponField, digits, type SetDraft } from './coupon-field.ts';
import { couponFieldMessages, couponFormMessages } from './coupon-messages.ts';

/** The tiers a template may be given on reaching: the default ones above the first (db migration 0002). */
const upperTiers = ['silver', 'gold'] as const;

/**
 * How members get the template besides a staff give: a claim link (a lottery draw when it has a chance to win),
 * the rewards catalogue for points, and automatically on joining, reaching a tier or in the birthday month.
 */
export function WaysInFields({
  draft,
  set,
  problems,
}: {
  draft: Draft;
  set: SetDraft;
  problems: Record<string, string>;
}) {
  const t = useStore(couponFormMessages);
  const fieldTexts = useStore(couponFieldMessages);
  const percent = (key: 'lotteryWinPercent' | 'pointsPrice', label: string) => (
    <CouponField name={key} label={label} problem={problems[key]}>
      {(props) => (
        <input
          {...props}
          inputMode="numeric"
          value={draft[key]}
          onChange={(event) => set(key, digits(event.target.value))}
        />
      )}
    </CouponField>
  );
  return (
    <FieldGroup legend={t.waysIn}>
      <label className="check">
        <input
          type="checkbox"
          name="claimable"
          checked={draft.claimable}
          onChange={(event) => set('claimable', event.target.checked)}
        />
        {t.claimable}
      </label>
      {problems.claimable && <p className="field-error">{problemText(fieldTexts, problems.claimable)}</p>}
      {draft.claimable && (
        <label className="check">
          <input
            type="checkbox"
            name="lottery"
            checked={draft.lottery}
            onChange={(event) => set('lottery', event.target.checked)}
          />
          {t.lottery}
        </label>
      )}
      <div className="grid">
        {draft.claimable && draft.lottery && percent('lotteryWinPercent', t.lotteryWinPercent)}
        {percent('pointsPrice', t.pointsPrice)}
        <CouponField name="autoIssue" label={t.autoIssue} problem={problems.autoIssue}>
          {(props) => (
            <select
              {...props}
              value={draft.autoIssue}
              onChange={(event) => set('autoIssue', event.target.value as AutoIssue)}
            >
              <option value="">{t.autoNone}</option>
              <option value="join">{t.join}</option>
              <option value="tier">{t.tier}</option>
              <option value="birthday">{t.birthday}</option>
            </select>
          )}
        </CouponField>
        {draft.autoIssue === 'tier' && (
          <CouponField name="autoIssueTier" label={t.autoIssueTier} problem={problems.autoIssueTier}>
            {(props) => (
              <select
                {...props}
                value={draft.autoIssueTier}
                onChange={(e) => set('autoIssueTier', e.target.value)}
              >
                <option value="" />
                {upperTiers.map((tier) => (
                  <option key={tier} value={tier}>
                    {t[tier]}
                  </option>
                ))}
              </select>
            )}
          </CouponField>
        )}
      </div>
    </FieldGroup>
  );
}
