import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PhoneApp } from './app.tsx';
import './phone.css';
import './chat.css';
import './messages.css';
import './bars.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PhoneApp />
  </StrictMode>,
);
