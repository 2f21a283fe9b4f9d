import { useState } from 'react';
import { formatDate, formatDateTime, formatMoney } from '../../../lib/format.ts';
import { formatPoints, locale } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type MemberDetail, olderPoints, olderPurchases } from '../api/members.ts';
import { memberPageMessages } from './member-messages.ts';

type Words = Record<string, string>;
const word = (t: unknown, key: string) => (t as Words)[key] ?? key;

/** A list read a page at a time: the first page came with the member, older ones on asking. */
function usePaged<T>(
  first: { entries: T[]; nextBefore: number | null },
  older: (before: number) => Promise<typeof first>,
) {
  const [pages, setPages] = useState(first);
  const more =
    pages.nextBefore === null
      ? null
      : async () => {
          const next = await older(pages.nextBefore!);
          setPages({ entries: [...pages.entries, ...next.entries], nextBefore: next.nextBefore });
        };
  return { entries: pages.entries, more };
}

function More({ more }: { more: (() => Promise<void>) | null }) {
  const t = useStore(memberPageMessages);
  if (!more) return null;
  return (
    <button type="button" className="button inline" onClick={() => void more()}>
      {t.older}
    </button>
  );
}

/** The balance, what expires soon, and the points statement as the member reads it. */
export function PointsSection({ detail }: { detail: MemberDetail }) {
  const t = useStore(memberPageMessages);
  const { entries, more } = usePaged(detail.points.history, (before) =>
    olderPoints(detail.member.id, before),
  );
  return (
    <section className="panel" aria-label={t.pointsHistory}>
      <h3>{t.pointsHistory}</h3>
      <p>{t.balance({ points: formatPoints(detail.points.balance) })}</p>
      {detail.points.expiring.map((e) => (
        <p key={e.lastDay} className="field-hint">
          {t.expiring({ points: formatPoints(e.points), day: e.lastDay })}
        </p>
      ))}
      {entries.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <table className="table" aria-label={t.pointsHistory}>
          <thead>
            <tr>
              <th>{t.at}</th>
              <th>{t.kind}</th>
              <th>{t.store}</th>
              <th>{t.change}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td data-label={t.at}>{formatDateTime(e.occurredAt)}</td>
                <td data-label={t.kind}>
                  <span>{word(t, e.kind)}</span>
                  {e.reason && <span className="line field-hint">{t.reason({ reason: e.reason })}</span>}
                  {e.adjustedBy && (
                    <span className="line field-hint">{t.adjustedBy({ name: e.adjustedBy })}</span>
                  )}
                </td>
                <td data-label={t.store}>{e.storeName}</td>
                <td data-label={t.change}>
                  {e.points > 0 ? `+${formatPoints(e.points)}` : formatPoints(e.points)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <More more={more} />
    </section>
  );
}

/** Every coupon the member holds or held, with its state. */
export function CouponsSection({ detail }: { detail: MemberDetail }) {
  const t = useStore(memberPageMessages);
  const lang = useStore(locale);
  return (
    <section className="panel" aria-label={t.coupons}>
      <h3>{t.coupons}</h3>
      {detail.coupons.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <table className="table" aria-label={t.coupons}>
          <thead>
            <tr>
              <th>{t.coupon}</th>
              <th>{t.state}</th>
              <th>{t.validUntil}</th>
            </tr>
          </thead>
          <tbody>
            {detail.coupons.map((c) => (
              <tr key={c.id}>
                <td data-label={t.coupon}>{lang === 'en' && c.titleEn ? c.titleEn : c.title}</td>
                <td data-label={t.state}>{word(t, c.state)}</td>
                <td data-label={t.validUntil}>{formatDate(c.validUntil)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The member's purchases, newest first, a page at a time. */
export function PurchasesSection({ detail }: { detail: MemberDetail }) {
  const t = useStore(memberPageMessages);
  const { entries, more } = usePaged(detail.purchases, (before) => olderPurchases(detail.member.id, before));
  return (
    <section className="panel" aria-label={t.purchases}>
      <h3>{t.purchases}</h3>
      {entries.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : (
        <table className="table" aria-label={t.purchases}>
          <thead>
            <tr>
              <th>{t.at}</th>
              <th>{t.store}</th>
              <th>{t.reference}</th>
              <th>{t.amount}</th>
              <th>{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((p) => (
              <tr key={p.id}>
                <td data-label={t.at}>{formatDateTime(p.at)}</td>
                <td data-label={t.store}>{p.storeName}</td>
                <td data-label={t.reference}>{p.reference}</td>
                <td data-label={t.amount}>{formatMoney(p.amount)}</td>
                <td data-label={t.status}>{word(t, p.status)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <More more={more} />
    </section>
  );
}
