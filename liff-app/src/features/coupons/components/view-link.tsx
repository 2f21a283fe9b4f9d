import type { ReactNode } from 'react';
import { openView, viewHref } from './wallet-route.ts';

/** A link to the wallet, one coupon or the rewards catalogue, opened in place (no reload of the mini-app). */
export function ViewLink({
  page,
  coupon,
  className,
  children,
}: {
  page: 'coupons' | 'rewards';
  coupon?: number;
  className?: string;
  children: ReactNode;
}) {
  return (
    <a
      className={className}
      href={viewHref(page, coupon)}
      onClick={(event) => {
        event.preventDefault();
        openView(page, coupon);
      }}
    >
      {children}
    </a>
  );
}
