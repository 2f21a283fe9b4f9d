import { fireEvent, render, screen } from '@testing-library/react';
import { locale } from '../lib/i18n.ts';
import { staffSession } from '../staff/api/staff-api.ts';
import type { TestProduct } from '../testing/product.ts';
import { ClerkApp } from './clerk-app.tsx';
import type { ScanInLine } from './line-scanner.ts';

/** Where the page tests serve the clerk page from: the product, as localhost (a Secure cookie needs it). */
export const clerkPageOrigin = (product: TestProduct & { current: { origin: string } }) =>
  product.current.origin.replace('127.0.0.1', 'localhost');

/**
 * The clerk page served from the product, in zh-TW, signed in as `username`; LINE's scanner if given; once the
 * heading `landing` shows.
 */
export async function openClerkPage(
  product: TestProduct & { current: { origin: string } },
  username: string,
  lineScanner?: Promise<ScanInLine | null>,
  landing = '找會員',
) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${clerkPageOrigin(product)}/liff/clerk/`,
  );
  locale.set('zh-TW');
  staffSession.set(undefined);
  render(<ClerkApp lineScanner={lineScanner} />);
  fireEvent.change(await screen.findByLabelText('帳號'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密碼'), { target: { value: 'correct horse battery' } });
  fireEvent.click(screen.getByRole('button', { name: '登入' }));
  await screen.findByRole('heading', { name: landing });
}
