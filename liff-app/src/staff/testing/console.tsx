import { render } from '@testing-library/react';
import { locale } from '../../lib/i18n.ts';
import { withProduct } from '../../testing/render.tsx';
import { staffSession } from '../api/staff-api.ts';
import { ConsoleApp } from '../console-app.tsx';

/** The product per test (liff-app/src/testing), with the staff console to open on it. */
export function withConsoleProduct() {
  const product = withProduct();
  return Object.assign(product, {
    /**
     * Serves the console from the product and renders it. `localhost`, not 127.0.0.1: like browsers, happy-dom
     * sends a Secure cookie over plain http only to localhost, and the test server speaks plain http.
     */
    open(query = '') {
      const origin = product.current.origin.replace('127.0.0.1', 'localhost');
      (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
        `${origin}/liff/staff/${query}`,
      );
      locale.set('zh-TW');
      staffSession.set(undefined);
      return render(<ConsoleApp />);
    },
  });
}
