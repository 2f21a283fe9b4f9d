import { useEffect, useRef, useState } from 'react';
import type { SegmentRule } from '../../../../../bot/schemas/segments-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { fieldProblemsOf, refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { countSegment, type SegmentCount } from '../api/segments.ts';
import { segmentMessages } from './segment-messages.ts';

/** How long the builder waits after the last change before it counts: one count per pause in typing. */
export const liveCount = { delayMs: 400 };

type Counted = { count: SegmentCount; at: Date } | { problems: Record<string, string> } | { error: unknown };

/**
 * Counts the rules while they are edited: once the marketer pauses (`liveCount.delayMs`), an answer to older rules
 * dropped. `onProblems` gets the server's problems by path (empty when the rules count), for the builder's rows.
 */
export function useLiveCount(rules: SegmentRule, onProblems: (problems: Record<string, string>) => void) {
  const [counted, setCounted] = useState<Counted | null>(null);
  const [counting, setCounting] = useState(false);
  const latest = useRef(0);
  const report = useRef(onProblems);
  report.current = onProblems;
  const key = JSON.stringify(rules);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the rules' content
  useEffect(() => {
    const round = ++latest.current;
    setCounting(true);
    const timer = setTimeout(async () => {
      let next: Counted;
      try {
        next = { count: await countSegment(rules), at: new Date() };
      } catch (error) {
        const problems = fieldProblemsOf(error);
        next = problems ? { problems } : { error };
      }
      if (round !== latest.current) return;
      setCounting(false);
      setCounted(next);
      report.current('problems' in next ? next.problems : {});
    }, liveCount.delayMs);
    return () => clearTimeout(timer);
  }, [key]);
  return { counted, counting };
}

/** The live count's panel: 符合 N 人，可行銷 M 人, when it was counted and as of which day's facts. */
export function LiveCount({ counted, counting }: ReturnType<typeof useLiveCount>) {
  const t = useStore(segmentMessages);
  const errors = useStore(errorMessages);
  return (
    <div className="live-count" role="status" aria-live="polite" aria-busy={counting}>
      {counted && 'count' in counted && (
        <>
          <p className="count">
            {t.count({
              matching: formatPoints(counted.count.matching),
              reachable: formatPoints(counted.count.reachable),
            })}
          </p>
          <p className="field-hint">
            {counted.count.factsAsOf
              ? t.countAsOf({
                  time: formatDateTime(counted.at),
                  factsAsOf: formatDateTime(counted.count.factsAsOf),
                })
              : t.countAsOfNoFacts({ time: formatDateTime(counted.at) })}
          </p>
        </>
      )}
      {counted && 'problems' in counted && <p className="field-error">{t.countUnfinished}</p>}
      {counted && 'error' in counted && <Problem>{refusalText(errors, counted.error)}</Problem>}
      {counting && <p className="field-hint">{t.counting}</p>}
    </div>
  );
}
