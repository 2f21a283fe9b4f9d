import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { restoreLanguage } from '../staff/i18n.ts';
import { ClerkApp } from './clerk-app.tsx';
import '../staff/styles.css';
import './clerk.css';

/** The clerk page: the staff console's sign-in, then the counter. */
export function bootClerk(container: HTMLElement) {
  restoreLanguage();
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <ClerkApp />
    </StrictMode>,
  );
  return root;
}
