import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { restoreLanguage } from '../../lib/staff-i18n.ts';
import { ConsoleApp } from './console-app.tsx';
import './styles.css';

/** The staff console in an ordinary browser: no LIFF, a session cookie instead of a LINE login. */
export function bootConsole(container: HTMLElement) {
  restoreLanguage();
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <ConsoleApp />
    </StrictMode>,
  );
  return root;
}
