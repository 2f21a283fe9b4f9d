import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Using a coupon is showing the member card: the counter's one scan of its rotating code lists the member's
 * usable coupons (issue 13's contracts: no separate coupon code to screenshot). The card itself, under the hint,
 * brought into view: on a phone it opens below the coupon's details.
 */
export function ShowCard({ hint, card }: { hint: string; card: ReactNode }) {
  const shown = useRef<HTMLDivElement>(null);
  // Braces: Chromium's scrollIntoView now answers a promise, which React would take for a cleanup.
  useEffect(() => {
    shown.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, []);
  return (
    <div className="show-card" ref={shown}>
      <p className="hint-strong">{hint}</p>
      {card}
    </div>
  );
}
