import { useEffect, useRef, useState } from 'react';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type CampaignProgress, changeCampaign, progressEventsUrl } from '../api/campaigns.ts';
import { campaignErrorMessages, campaignProgressMessages } from './campaign-messages.ts';

/** What the progress view listens to: the browser's EventSource, or in a test whatever feeds it events. */
export type ProgressSource = Pick<EventSource, 'addEventListener' | 'close'> & {
  onerror: EventSource['onerror'];
};
export type OpenProgress = (url: string) => ProgressSource;
/** How the view opens the stream: the browser's EventSource; a test puts its own feed here. */
export const progressEvents: { open: OpenProgress } = { open: (url) => new EventSource(url) };

/**
 * A campaign's progress as the server pushes it (`event: progress`, at least once a second while sending, read from
 * the database so every instance says the same). `ended` once sent or cancelled; `lost` while the stream is down
 * (the browser reconnects by itself).
 */
export function useProgressEvents(
  campaignId: number,
  first: CampaignProgress | null,
  open: OpenProgress = progressEvents.open,
) {
  const [progress, setProgress] = useState(first);
  const [lost, setLost] = useState(false);
  useEffect(() => {
    const source = open(progressEventsUrl(campaignId));
    source.addEventListener('progress', (event) => {
      setLost(false);
      const next = JSON.parse((event as MessageEvent<string>).data) as CampaignProgress;
      setProgress(next);
      if (next.status === 'sent' || next.status === 'cancelled') source.close();
    });
    source.onerror = () => setLost(true);
    return () => source.close();
  }, [campaignId, open]);
  return { progress, lost };
}

/** The time left in words: none once nothing remains (the server then says 0). */
const timeLeft = (t: ReturnType<typeof campaignProgressMessages.get>, seconds: number | null) =>
  seconds === null || seconds <= 0
    ? t.noTimeLeft
    : seconds < 90
      ? t.seconds({ seconds: Math.max(1, Math.round(seconds)) })
      : t.minutes({ minutes: Math.round(seconds / 60) });

/**
 * The progress view: sent, failed, remaining, the pace and the time left, a bar, and pause / resume / cancel for
 * those who may send (cancel asks once more: what is not sent is never sent). While the sender fixes the
 * recipients (`freezing`), it says how many so far; sending starts after.
 */
export function ProgressView({
  campaignId,
  first,
  sends,
  open,
  onChanged,
  pageStatus,
}: {
  campaignId: number;
  first: CampaignProgress | null;
  sends: boolean;
  open?: OpenProgress;
  onChanged?: () => void;
  /** The status the page's tag shows (the campaign as the page last read it), when it has one. */
  pageStatus?: CampaignProgress['status'];
}) {
  const t = useStore(campaignProgressMessages);
  const errors = useStore(errorMessages);
  const own = useStore(campaignErrorMessages);
  const { progress, lost } = useProgressEvents(campaignId, first, open);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The page's status tag is the campaign as last read: it is read again once the stream says otherwise (the
  // progress read after the page's may already be further on: compared with the tag, not with that read).
  const changed = useRef(onChanged);
  changed.current = onChanged;
  const shownStatus = useRef(pageStatus ?? first?.status);
  const streamed = progress?.status;
  useEffect(() => {
    if (!streamed || streamed === shownStatus.current) return;
    shownStatus.current = streamed;
    changed.current?.();
  }, [streamed]);
  if (!progress) return null;
  const done = progress.sent + progress.failed;
  const total = done + progress.remaining;
  const status = progress.status;

  async function change(what: 'pause' | 'resume' | 'cancel') {
    setConfirming(false);
    setFailure(null);
    setBusy(true);
    try {
      await changeCampaign(campaignId, what);
      onChanged?.();
    } catch (error) {
      setFailure(refusalText({ ...errors, ...own }, error));
    } finally {
      setBusy(false);
    }
  }

  const figure = (label: string, value: string) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <section className="panel campaign-progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t.heading}</h2>
      <progress aria-label={t.bar} value={done} max={Math.max(total, 1)} />
      <dl className="figures">
        {figure(t.sent, formatPoints(progress.sent))}
        {figure(t.failed, formatPoints(progress.failed))}
        {figure(t.remaining, formatPoints(progress.remaining))}
        {/* No pace once nothing is left to send (a small push is done within the second it is measured over). */}
        {figure(
          t.rate,
          progress.remaining === 0 ? t.noTimeLeft : t.perSecond({ count: formatPoints(progress.perSecond) }),
        )}
        {figure(t.timeLeft, timeLeft(t, progress.secondsLeft))}
      </dl>
      {status === 'freezing' && (
        <p className="notice">{t.freezing({ count: formatPoints(progress.remaining) })}</p>
      )}
      {status === 'sent' && <p className="notice">{t.done}</p>}
      {lost && status !== 'sent' && status !== 'cancelled' && <p className="warning">{t.disconnected}</p>}
      <Problem>{failure}</Problem>
      {sends && (
        <div className="row">
          {status === 'sending' && (
            <button
              type="button"
              className="button inline secondary"
              disabled={busy}
              onClick={() => void change('pause')}
            >
              {t.pause}
            </button>
          )}
          {status === 'paused' && (
            <button
              type="button"
              className="button inline"
              disabled={busy}
              onClick={() => void change('resume')}
            >
              {t.resume}
            </button>
          )}
          {['freezing', 'scheduled', 'sending', 'paused'].includes(status) &&
            (confirming ? (
              <span className="confirm" role="alert">
                {t.confirmCancel}
                <button type="button" className="link danger" onClick={() => void change('cancel')}>
                  {t.confirm}
                </button>
                <button type="button" className="link" onClick={() => setConfirming(false)}>
                  {t.keep}
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="link danger"
                disabled={busy}
                onClick={() => setConfirming(true)}
              >
                {t.cancel}
              </button>
            ))}
        </div>
      )}
    </section>
  );
}
