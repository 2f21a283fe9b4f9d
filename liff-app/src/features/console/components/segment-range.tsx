import { useState } from 'react';
import { useStore } from '../../../lib/use-store.ts';
import { digits } from './coupon-field.ts';
import { ruleMessages } from './segment-messages.ts';

type Operator = 'atLeast' | 'atMost' | 'between';
export interface Ends {
  min?: number | undefined;
  max?: number | undefined;
}

const operatorOf = ({ min, max }: Ends): Operator =>
  min !== undefined && max !== undefined ? 'between' : max !== undefined ? 'atMost' : 'atLeast';
/** The ends an operator keeps: one end moves to the other when a single one is asked for. */
const endsFor = (operator: Operator, { min, max }: Ends): Ends =>
  operator === 'atLeast'
    ? { min: min ?? max, max: undefined }
    : operator === 'atMost'
      ? { min: undefined, max: max ?? min }
      : { min, max };
const whole = (text: string) => (digits(text) === '' ? undefined : Number(digits(text)));

/**
 * A ranged condition's operator and value: 至少 N, 至多 N or 介於 N 與 M (the rule's min and max; an empty box is an
 * open end, and the server says when neither is given or they are the wrong way round).
 */
export function RangeValues({
  path,
  ends,
  onChange,
}: {
  path: string;
  ends: Ends;
  onChange: (ends: Ends) => void;
}) {
  const t = useStore(ruleMessages);
  const [operator, setOperator] = useState(() => operatorOf(ends));
  const box = (key: 'min' | 'max', label: string) => (
    <span className="rule-value">
      <label htmlFor={`${path}.${key}`}>{label}</label>
      <input
        id={`${path}.${key}`}
        inputMode="numeric"
        value={ends[key] ?? ''}
        onChange={(event) => onChange({ ...ends, [key]: whole(event.target.value) })}
      />
    </span>
  );
  return (
    <>
      <select
        aria-label={t.operator}
        id={`${path}.operator`}
        value={operator}
        onChange={(event) => {
          const next = event.target.value as Operator;
          setOperator(next);
          onChange(endsFor(next, ends));
        }}
      >
        {(['atLeast', 'atMost', 'between'] as const).map((o) => (
          <option key={o} value={o}>
            {t[o]}
          </option>
        ))}
      </select>
      {operator !== 'atMost' && box('min', t.min)}
      {operator !== 'atLeast' && box('max', t.max)}
    </>
  );
}
