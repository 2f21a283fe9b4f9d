import { useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { setEarnRuleActive, usePointsSettings } from '../api/points-settings.ts';
import { Listing, PageHead } from './listing.tsx';
import { dayNames, pointsMessages, type Rule } from './points-messages.ts';
import { PolicyForm } from './policy-form.tsx';
import { RuleForm } from './rule-form.tsx';

const taipeiDay = (iso: string | null, endExclusive = false) => {
  if (!iso) return '';
  const at = new Date(new Date(iso).getTime() + 8 * 3600_000 - (endExclusive ? 1 : 0));
  return at.toISOString().slice(0, 10);
};

/** The points policy and the earn rules: read by points_rules.read, changed by points_rules.edit (audited). */
export function PointsPage({ session }: { session: SessionResponse }) {
  const t = useStore(pointsMessages);
  const errors = useStore(errorMessages);
  const editor = session.actions.includes('points_rules.edit');
  const settings = usePointsSettings();
  const [problem, setProblem] = useState<string | null>(null);

  const toggle = async (rule: Rule) => {
    try {
      await setEarnRuleActive(rule, !rule.active);
      settings.reload();
    } catch (error) {
      setProblem(refusalText(errors, error));
    }
  };

  return (
    <section aria-label={t.heading}>
      <PageHead heading={t.heading} />
      {!editor && <p className="notice">{t.readOnly}</p>}
      <Problem>{problem ?? (settings.error ? refusalText(errors, settings.error) : null)}</Problem>
      {settings.data && (
        <PolicyForm policy={settings.data.policy} editable={editor} onSaved={settings.reload} />
      )}
      <h2>{t.rules}</h2>
      <p className="field-hint">{t.howRulesCombine}</p>
      <Listing
        rows={settings.data?.rules}
        empty={t.none}
        columns={[t.name, t.multiplier, t.bonusPoints, t.weekdays, t.from, t.until, t.status]}
      >
        {(rule) => (
          <tr key={rule.id} className={rule.active ? '' : 'inactive'}>
            <td data-label={t.name}>{rule.name}</td>
            <td data-label={t.multiplier}>{rule.multiplierPercent / 100}x</td>
            <td data-label={t.bonusPoints}>{rule.bonusPoints}</td>
            <td data-label={t.weekdays}>
              {rule.weekdays?.map((d) => dayNames(t)[d]).join(t.daySeparator) ?? t.everyDay}
            </td>
            <td data-label={t.from}>{taipeiDay(rule.startsAt) || '—'}</td>
            <td data-label={t.until}>{taipeiDay(rule.endsAt, true) || '—'}</td>
            <td className="actions" data-label={t.status}>
              <span className={`tag ${rule.active ? 'on' : 'off'}`}>{rule.active ? t.on : t.off}</span>
              {editor && (
                <button type="button" className="link" onClick={() => void toggle(rule)}>
                  {rule.active ? t.turnOff : t.turnOn}
                  <span className="visually-hidden"> {rule.name}</span>
                </button>
              )}
            </td>
          </tr>
        )}
      </Listing>
      {editor && <RuleForm onAdded={settings.reload} />}
    </section>
  );
}
