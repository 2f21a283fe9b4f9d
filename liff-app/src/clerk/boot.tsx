import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { restoreLanguage } from '../staff/i18n.ts';
import { ClerkApp } from './clerk-app.tsx';
import '../staff/styles.css';
import './clerk.css';

// LIFF's own test for LINE's in-app browser (@liff/util isLINEBrowser): anywhere else LIFF is never loaded.
const IN_LINE = /Line\/\d+\.\d+\.\d+/;

/** The clerk page: the staff console's sign-in, then the counter; in LINE, LINE's scanner is readied meanwhile. */
export function bootClerk(container: HTMLElement) {
  restoreLanguage();
  const root = createRoot(container);
  const lineScanner = IN_LINE.test(navigator.userAgent)
    ? import('./line-scanner.ts').then((module) => module.findLineScanner())
    : undefined;
  root.render(
    <StrictMode>
      <ClerkApp lineScanner={lineScanner} />
    </StrictMode>,
  );
  return root;
}
