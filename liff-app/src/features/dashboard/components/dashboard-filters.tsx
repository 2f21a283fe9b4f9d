import { useState } from 'react';
import { useStore } from '../../../lib/use-store.ts';
import type { DashboardQuery } from '../api/dashboard.ts';
import { dashboardMessages } from './dashboard-messages.ts';
import { type Period, type Preset, periodOf, periodProblem, presets } from './dashboard-range.ts';

export interface StoreChoice {
  id: number;
  name: string;
}

/**
 * The period (今天 … 近一年, or 自訂 from and to) and the store. A chosen period the server would refuse is named
 * on its field and not asked for; the figures of the last good one stay.
 */
export function DashboardFilters({
  today,
  stores,
  query,
  onChange,
}: {
  today: string;
  stores: StoreChoice[];
  query: DashboardQuery;
  onChange: (query: DashboardQuery) => void;
}) {
  const t = useStore(dashboardMessages);
  const [preset, setPreset] = useState<Preset | 'custom'>('days30');
  const [custom, setCustom] = useState<Period>({ from: query.from, to: query.to });
  const problem = preset === 'custom' ? periodProblem(custom) : null;
  const words = { DATE_INVALID: t.dateInvalid, RANGE_INVALID: t.rangeInvalid } as Record<string, string>;

  const choose = (next: Preset | 'custom') => {
    setPreset(next);
    if (next === 'custom') setCustom({ from: query.from, to: query.to });
    else onChange({ ...query, ...periodOf(next, today) });
  };
  const change = (field: keyof Period, value: string) => {
    const period = { ...custom, [field]: value };
    setCustom(period);
    if (!periodProblem(period)) onChange({ ...query, ...period });
  };
  const dateField = (field: keyof Period) => (
    <div className="field">
      <label htmlFor={`dashboard-${field}`}>{t[field]}</label>
      <input
        id={`dashboard-${field}`}
        type="date"
        value={custom[field]}
        max={today}
        aria-invalid={problem?.[field] ? true : undefined}
        aria-describedby={problem?.[field] ? `dashboard-${field}-problem` : undefined}
        onChange={(event) => change(field, event.target.value)}
      />
      {problem?.[field] && (
        <p id={`dashboard-${field}-problem`} className="field-error">
          {words[problem[field]]}
        </p>
      )}
    </div>
  );

  return (
    <form className="dashboard-filters" aria-label={t.filters} onSubmit={(event) => event.preventDefault()}>
      <fieldset className="period">
        <legend>{t.range}</legend>
        {[...presets, 'custom' as const].map((p) => (
          <label key={p} className={p === preset ? 'chosen' : undefined}>
            <input
              type="radio"
              name="dashboard-period"
              value={p}
              checked={p === preset}
              onChange={() => choose(p)}
            />
            {t[p]}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="dashboard-store">{t.store}</label>
        <select
          id="dashboard-store"
          value={query.storeId ?? ''}
          onChange={(event) =>
            onChange({ ...query, storeId: event.target.value === '' ? null : Number(event.target.value) })
          }
        >
          <option value="">{t.allStores}</option>
          {stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      {preset === 'custom' && (
        <div className="custom-period">
          {dateField('from')}
          {dateField('to')}
        </div>
      )}
    </form>
  );
}
