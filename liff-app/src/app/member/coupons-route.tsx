import { CardPage } from '../../features/card/components/card-page.tsx';
import CouponsPage from '../../features/coupons/components/coupons-page.tsx';

export { followClick } from './campaign-click.ts';

/** The coupons feature with the member card its detail shows for using a coupon: features meet in app/ (ADR 21). */
export default function CouponsRoute() {
  return <CouponsPage card={<CardPage />} />;
}
