import { useState } from 'react';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatMoney } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useResource } from '../../../lib/use-resource.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type Campaign, type CampaignEstimate, estimateCampaign, startCampaign } from '../api/campaigns.ts';
import { campaignErrorMessages, campaignSendMessages } from './campaign-messages.ts';

type Words = ReturnType<typeof campaignSendMessages.get>;

function Figures({ e, t }: { e: CampaignEstimate; t: Words }) {
  const people = (n: number) => t.people({ count: formatPoints(n) });
  const messages = (n: number) => t.messages({ count: formatPoints(n) });
  const rows: [string, string][] = [
    [t.matching, people(e.matching)],
    [t.reachable, people(e.reachable)],
    [t.heldOut, people(e.heldOut)],
    [t.fatigued, people(e.fatigued)],
    [t.recipients, people(e.recipients)],
    [t.quota, e.quota.type === 'none' || e.quota.value === null ? t.unlimited : messages(e.quota.value)],
    [t.used, messages(e.used)],
    [t.wouldUse, messages(e.wouldUse)],
    [t.freeLeft, e.freeLeft === null ? t.unlimited : messages(e.freeLeft)],
    [t.overFree, messages(e.overFree)],
    [t.price, formatMoney(e.price)],
    [
      t.plan,
      t.planWords({
        name: e.plan.name,
        fee: formatMoney(e.plan.monthlyFee),
        included: formatPoints(e.plan.included),
      }),
    ],
    [t.budget, e.budget === null ? t.noBudget : formatMoney(e.budget)],
    [t.budgetLeft, e.budgetLeft === null ? t.noBudget : formatMoney(e.budgetLeft)],
  ];
  return (
    <dl className="figures">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * What the push would reach and cost (the estimate: LINE's quota used and left, NT$ by the plan table, with its
 * source and date, and the month's budget), then 發送 or 排程. Beyond the free quota the marketer ticks the NT$
 * amount first; the server starts only with that very price (COST_NOT_CONFIRMED when it changed meanwhile).
 */
export function CampaignCost({
  campaign,
  sends,
  onStarted,
}: {
  campaign: Campaign;
  sends: boolean;
  onStarted: (campaign: Campaign) => void;
}) {
  const t = useStore(campaignSendMessages);
  const errors = useStore(errorMessages);
  const own = useStore(campaignErrorMessages);
  const estimate = useResource(
    () => estimateCampaign(campaign.id),
    `estimate-${campaign.id}-${campaign.updatedAt}`,
  );
  const [confirmed, setConfirmed] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const e = estimate.data;

  async function start() {
    if (!e) return;
    setFailure(null);
    setBusy(true);
    try {
      onStarted(await startCampaign(campaign.id, e.needsConfirmation && confirmed ? e.price : undefined));
    } catch (error) {
      setFailure(refusalText({ ...errors, ...own }, error));
      setConfirmed(false);
      estimate.reload();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel campaign-cost" aria-labelledby="cost-heading">
      <h2 id="cost-heading">{t.cost}</h2>
      {estimate.error !== undefined && (
        <Problem>{refusalText({ ...errors, ...own }, estimate.error)}</Problem>
      )}
      {!e && !estimate.error && <p className="status">{t.estimating}</p>}
      {e && (
        <>
          <Figures e={e} t={t} />
          <p className="field-hint">{t.planSource({ asOf: e.plan.asOf, source: e.plan.source })}</p>
          {sends && e.needsConfirmation && (
            <label className="check confirm-cost">
              <input
                type="checkbox"
                checked={confirmed}
                onChange={(event) => setConfirmed(event.target.checked)}
              />
              {t.confirmCost({ price: formatMoney(e.price) })}
            </label>
          )}
        </>
      )}
      <Problem>{failure}</Problem>
      <div className="row">
        {sends && (
          <button type="button" className="button inline" disabled={!e || busy} onClick={() => void start()}>
            {busy ? t.starting : campaign.scheduledAt ? t.schedule : t.send}
          </button>
        )}
        <button
          type="button"
          className="button inline secondary"
          disabled={estimate.loading}
          onClick={estimate.reload}
        >
          {t.refresh}
        </button>
      </div>
    </section>
  );
}
