import type { ReactNode } from 'react';
import type { Condition } from '../../../../../bot/schemas/segments-api.ts';
import type { StoreView } from '../../../../../bot/schemas/staff-api.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { CouponTemplate } from '../api/coupon-templates.ts';
import type { Tag } from '../api/segments.ts';
import { digits } from './coupon-field.ts';
import { titleOf } from './coupon-words.ts';
import { ruleMessages } from './segment-messages.ts';
import { type Ends, RangeValues } from './segment-range.tsx';
import { windows } from './segment-rules.ts';

/** What a condition's values choose from: the brand's tags, stores and coupon templates. */
export interface Choices {
  tags: Tag[];
  stores: StoreView[];
  templates: CouponTemplate[];
}

type Change = (condition: Condition) => void;

/** A whole number typed, or undefined for an empty box (the server says whether one end is needed). */
const whole = (text: string) => {
  const typed = digits(text);
  return typed === '' ? undefined : Number(typed);
};
/** Drops a key left empty: the server refuses an `undefined` sent as null, and a missing end means "open". */
const without = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

function Labelled({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <span className="rule-value">
      <label htmlFor={id}>{label}</label>
      {children}
    </span>
  );
}

/** Checkboxes over a list; the condition keeps the values checked, in the list's order. */
function Picks<V extends string | number>({
  options,
  chosen,
  onChange,
}: {
  options: { value: V; label: string }[];
  chosen: V[];
  onChange: (values: V[]) => void;
}) {
  return (
    <span className="choices">
      {options.map(({ value, label }) => (
        <label key={value} className="check">
          <input
            type="checkbox"
            checked={chosen.includes(value)}
            onChange={(event) =>
              onChange(
                options
                  .map((o) => o.value)
                  .filter((v) => (v === value ? event.target.checked : chosen.includes(v))),
              )
            }
          />
          {label}
        </label>
      ))}
    </span>
  );
}

/** A condition's values, by its field: lists to tick, a range, a window, dates or a yes / no. */
export function ConditionValues({
  path,
  condition: c,
  choices,
  onChange,
}: {
  path: string;
  condition: Condition;
  choices: Choices;
  onChange: Change;
}) {
  const t = useStore(ruleMessages);
  const set = (changes: Partial<Record<string, unknown>>) =>
    onChange(without({ ...c, ...changes }) as Condition);
  const number = (key: 'days', label: string, value: number | undefined) => (
    <Labelled id={`${path}.${key}`} label={label}>
      <input
        id={`${path}.${key}`}
        inputMode="numeric"
        value={value ?? ''}
        onChange={(event) => set({ [key]: whole(event.target.value) })}
      />
    </Labelled>
  );
  const range = (v: Ends) => (
    <RangeValues
      path={path}
      ends={{ min: v.min, max: v.max }}
      onChange={(ends) => set({ min: ends.min, max: ends.max })}
    />
  );
  switch (c.field) {
    case 'tier':
      return (
        <Picks
          options={(['regular', 'silver', 'gold'] as const).map((tier) => ({ value: tier, label: t[tier] }))}
          chosen={c.tiers}
          onChange={(tiers) => set({ tiers })}
        />
      );
    case 'tag':
      return (
        <>
          <YesNo path={path} value={c.has} yes={t.has} no={t.hasNot} onChange={(has) => set({ has })} />
          {choices.tags.length === 0 ? (
            <span className="field-hint">{t.noTags}</span>
          ) : (
            <Picks
              options={choices.tags.map((tag) => ({ value: tag.id, label: tag.name }))}
              chosen={c.tagIds}
              onChange={(tagIds) => set({ tagIds })}
            />
          )}
        </>
      );
    case 'homeStore':
      return (
        <Picks
          options={choices.stores.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
          chosen={c.storeIds}
          onChange={(storeIds) => set({ storeIds })}
        />
      );
    case 'birthMonth':
      return (
        <Picks
          options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t.month({ month: i + 1 }) }))}
          chosen={c.months}
          onChange={(months) => set({ months })}
        />
      );
    case 'gender':
      return (
        <Picks
          options={(['female', 'male', 'other', 'unknown'] as const).map((g) => ({ value: g, label: t[g] }))}
          chosen={c.genders}
          onChange={(genders) => set({ genders })}
        />
      );
    case 'age':
    case 'daysSinceLastPurchase':
    case 'pointsBalance':
      return range(c);
    case 'purchaseCount':
    case 'spend':
      return (
        <>
          <Labelled id={`${path}.days`} label={t.days}>
            <select
              id={`${path}.days`}
              value={c.days}
              onChange={(event) => set({ days: Number(event.target.value) })}
            >
              {windows.map((days) => (
                <option key={days} value={days}>
                  {t.lastDays({ days })}
                </option>
              ))}
            </select>
          </Labelled>
          {range(c)}
        </>
      );
    case 'joined':
      return (
        <>
          {(['from', 'to'] as const).map((key) => (
            <Labelled key={key} id={`${path}.${key}`} label={t[key]}>
              <input
                id={`${path}.${key}`}
                type="date"
                value={c[key] ?? ''}
                onChange={(event) => set({ [key]: event.target.value || undefined })}
              />
            </Labelled>
          ))}
        </>
      );
    case 'couponHeld':
    case 'couponUsed':
      return (
        <>
          <Labelled id={`${path}.templateId`} label={t.template}>
            <select
              id={`${path}.templateId`}
              value={c.templateId ?? ''}
              onChange={(event) =>
                set({ templateId: event.target.value ? Number(event.target.value) : undefined })
              }
            >
              <option value="">{t.anyCoupon}</option>
              {choices.templates.map((template) => (
                <option key={template.id} value={template.id}>
                  {titleOf(template)}
                </option>
              ))}
            </select>
          </Labelled>
          {c.field === 'couponUsed' && number('days', t.withinDays, c.days)}
        </>
      );
    case 'channel':
      return (
        <>
          <YesNo
            path={path}
            value={c.channel === 'store'}
            yes={t.store}
            no={t.online}
            onChange={(store) => set({ channel: store ? 'store' : 'online' })}
          />
          {number('days', t.withinDays, c.days)}
        </>
      );
    case 'marketingOptIn':
      return (
        <YesNo
          path={path}
          value={c.value}
          yes={t.optedIn}
          no={t.optedOut}
          onChange={(value) => set({ value })}
        />
      );
    case 'lineFriend':
      return null;
  }
}

/** Two choices of one condition (有／沒有, 門市／線上) as a select. */
function YesNo({
  path,
  value,
  yes,
  no,
  onChange,
}: {
  path: string;
  value: boolean;
  yes: string;
  no: string;
  onChange: (value: boolean) => void;
}) {
  return (
    <select
      aria-label={`${yes} / ${no}`}
      id={`${path}.choice`}
      value={value ? 'yes' : 'no'}
      onChange={(event) => onChange(event.target.value === 'yes')}
    >
      <option value="yes">{yes}</option>
      <option value="no">{no}</option>
    </select>
  );
}
