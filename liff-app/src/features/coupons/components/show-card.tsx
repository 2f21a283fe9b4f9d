import { CardPage } from '../../card/components/card-page.tsx';

/**
 * Using a coupon is showing the member card: the counter's one scan of its rotating code lists the member's
 * usable coupons (issue 13's contracts: no separate coupon code to screenshot). The card itself, under the hint.
 */
export function ShowCard({ hint }: { hint: string }) {
  return (
    <div className="show-card">
      <p className="hint-strong">{hint}</p>
      <CardPage />
    </div>
  );
}
