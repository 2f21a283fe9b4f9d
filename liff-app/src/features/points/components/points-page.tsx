import { useEffect, useState } from 'react';
import type { HistoryKind, PointsHistoryResponse } from '../../../../../bot/schemas/liff-api.ts';
import { LoadError, Loading } from '../../../components/status.tsx';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { formatPoints, i18n, params } from '../../../lib/i18n.ts';
import { useServices } from '../../../lib/services.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { getPointsHistory, usePoints } from '../api/get-points.ts';

const messages = i18n('points', {
  heading: '我的點數',
  balance: '目前點數',
  expiring: params('{points} 點將於 {date} 到期'),
  noneExpiring: '近期沒有即將到期的點數',
  history: '點數紀錄',
  empty: '還沒有點數紀錄',
  more: '載入更多',
  online: '線上',
  // What each history row shows happened, in the shop's words (the same as the clerk page and the pushes).
  earn: '獲得點數',
  redeem: '點數折抵',
  expire: '點數到期',
  adjust: '點數調整',
  refund: '退款',
  void: '作廢',
  exchange: '兌換優惠券',
});

type Entry = PointsHistoryResponse['entries'][number];

/** Balance, points expiring soon, and the history a page at a time. */
export default function PointsPage() {
  const t = useStore(messages);
  const points = usePoints();
  return (
    <section aria-labelledby="points-heading">
      <h1 id="points-heading">{t.heading}</h1>
      {points.error ? (
        <LoadError error={points.error} retry={points.reload} />
      ) : !points.data ? (
        <Loading />
      ) : (
        <div className="panel">
          <p>
            {t.balance} <strong className="big">{formatPoints(points.data.balance)}</strong>
          </p>
          {points.data.expiring.length === 0 ? (
            <p className="muted">{t.noneExpiring}</p>
          ) : (
            points.data.expiring.map((lot) => (
              <p key={lot.expiresAt} className="warning">
                {/* The last day they can be used (the terms' 12/31 23:59), not the instant after it. */}
                {t.expiring({
                  points: formatPoints(lot.points),
                  date: formatDate(`${lot.lastDay}T00:00+08:00`),
                })}
              </p>
            ))
          )}
        </div>
      )}
      <History />
    </section>
  );
}

function History() {
  const t = useStore(messages);
  const { api } = useServices();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [state, setState] = useState<{ loading: boolean; error?: unknown }>({ loading: true });

  async function load(before: number | null) {
    setState({ loading: true });
    try {
      const page = await getPointsHistory(api, before);
      setEntries((shown) => (before ? [...shown, ...page.entries] : page.entries));
      setNext(page.nextBefore);
      setState({ loading: false });
    } catch (error) {
      setState({ loading: false, error });
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page, once
  useEffect(() => {
    void load(null);
  }, []);

  return (
    <div className="panel">
      <h2>{t.history}</h2>
      {entries.length === 0 && !state.loading && !state.error && <p className="muted">{t.empty}</p>}
      <ul className="ledger">
        {entries.map((entry) => (
          <li key={entry.id}>
            <span>
              {t[entry.kind satisfies HistoryKind]}
              <small>
                {formatDateTime(entry.occurredAt)} · {entry.storeName ?? t.online}
              </small>
            </span>
            <strong className={entry.points < 0 ? 'minus' : 'plus'}>
              {entry.points > 0 ? '+' : ''}
              {formatPoints(entry.points)}
            </strong>
          </li>
        ))}
      </ul>
      {state.error ? <LoadError error={state.error} retry={() => load(next)} /> : null}
      {state.loading && <Loading />}
      {next !== null && !state.loading && (
        <button type="button" className="button secondary" onClick={() => load(next)}>
          {t.more}
        </button>
      )}
    </div>
  );
}
