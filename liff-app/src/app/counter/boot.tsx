import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { restoreLanguage } from '../../lib/staff-i18n.ts';
import { CounterApp } from './counter-app.tsx';
import '../console/styles.css';
import './counter.css';

// LIFF's own test for LINE's in-app browser (@liff/util isLINEBrowser): anywhere else LIFF is never loaded.
const IN_LINE = /Line\/\d+\.\d+\.\d+/;

/** The clerk page: the staff console's sign-in, then the counter; in LINE, LINE's scanner is readied meanwhile. */
export function bootCounter(container: HTMLElement) {
  restoreLanguage();
  const root = createRoot(container);
  const lineScanner = IN_LINE.test(navigator.userAgent)
    ? import('../../features/counter/scanner/line-scanner.ts').then((module) => module.findLineScanner())
    : undefined;
  root.render(
    <StrictMode>
      <CounterApp lineScanner={lineScanner} />
    </StrictMode>,
  );
  return root;
}
