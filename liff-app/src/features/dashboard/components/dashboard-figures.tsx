import type { ReactNode } from 'react';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { Dashboard } from '../api/dashboard.ts';
import { dashboardMessages } from './dashboard-messages.ts';

/** A Taipei day (YYYY-MM-DD) as the reader writes dates: 2026/11/30 or 2026-11-30. */
export const formatDay = (day: string) => formatDate(`${day}T12:00:00+08:00`);

/** A figure's tile: its label over its number, and a line of explanation under it when it needs one. */
export function Figure({ label, value, hint }: { label: string; value: string; hint?: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
      {hint && <dd className="figure-hint">{hint}</dd>}
    </div>
  );
}

/** When the morning's snapshot was taken, for the figures that come from it. */
function AsOf({ day }: { day: string | null }) {
  const t = useStore(dashboardMessages);
  return <span className="as-of">{day ? t.asOf({ day: formatDay(day) }) : t.noSnapshot}</span>;
}

/** Members, friends, binds in the period, blocked, active in 30 / 90 days and the repurchase rate. */
export function MemberFigures({ d }: { d: Dashboard }) {
  const t = useStore(dashboardMessages);
  const n = formatPoints;
  const share = (value: number | null) => (value === null ? t.none : t.percent({ value: value.toFixed(1) }));
  return (
    <section aria-labelledby="dashboard-members">
      <h2 id="dashboard-members">
        {t.members} <AsOf day={d.snapshotDay} />
      </h2>
      <dl className="figures">
        <Figure label={t.memberCount} value={n(d.members.members)} />
        <Figure label={t.friends} value={n(d.members.friends)} />
        <Figure label={t.binds} value={n(d.members.binds)} />
        <Figure label={t.blocked} value={n(d.members.blocked)} />
        <Figure label={t.active30} value={n(d.active.days30)} />
        <Figure label={t.active90} value={n(d.active.days90)} />
        <Figure
          label={t.repurchase}
          value={share(d.repurchase.percent)}
          hint={t.repurchaseHint({ buyers: n(d.repurchase.buyers), repeaters: n(d.repurchase.repeaters) })}
        />
      </dl>
    </section>
  );
}

/** Points outstanding, their value in NT$ (the liability) and what expires in the next 30 / 90 days. */
export function PointsFigures({ d }: { d: Dashboard }) {
  const t = useStore(dashboardMessages);
  const points = (value: number) => t.pointsN({ points: formatPoints(value) });
  return (
    <dl className="figures">
      <Figure label={t.liability} value={points(d.liability.points)} />
      <Figure
        label={t.liabilityValue}
        value={formatMoney(d.liability.value)}
        hint={t.liabilityHint({ value: formatMoney(d.liability.pointValue) })}
      />
      <Figure
        label={t.expiring30}
        value={points(d.liability.expiring30)}
        hint={<AsOf day={d.snapshotDay} />}
      />
      <Figure
        label={t.expiring90}
        value={points(d.liability.expiring90)}
        hint={<AsOf day={d.snapshotDay} />}
      />
    </dl>
  );
}

/** Orders, sales, in store against online, and the online share. */
export function SalesFigures({ d }: { d: Dashboard }) {
  const t = useStore(dashboardMessages);
  const s = d.sales;
  return (
    <dl className="figures">
      <Figure label={t.orders} value={formatPoints(s.orders)} />
      <Figure label={t.salesTotal} value={formatMoney(s.total)} />
      <Figure label={t.inStore} value={formatMoney(s.inStore)} />
      <Figure label={t.online} value={formatMoney(s.online)} />
      <Figure
        label={t.onlineShare}
        value={s.onlinePercent === null ? t.none : t.percent({ value: s.onlinePercent.toFixed(1) })}
      />
    </dl>
  );
}

/** The coupon funnel: issued, claimed by members, used at a purchase. */
export function CouponFigures({ d }: { d: Dashboard }) {
  const t = useStore(dashboardMessages);
  const c = d.coupons;
  const of = (part: number, whole: number) =>
    whole > 0 ? t.percent({ value: ((part * 100) / whole).toFixed(1) }) : undefined;
  return (
    <section aria-labelledby="dashboard-coupons">
      <h2 id="dashboard-coupons">{t.coupons}</h2>
      <dl className="figures funnel">
        <Figure label={t.issued} value={formatPoints(c.issued)} />
        <Figure label={t.claimed} value={formatPoints(c.claimed)} hint={of(c.claimed, c.issued)} />
        <Figure label={t.used} value={formatPoints(c.used)} hint={of(c.used, c.issued)} />
      </dl>
      <p className="field-hint">{t.couponsHint}</p>
    </section>
  );
}
