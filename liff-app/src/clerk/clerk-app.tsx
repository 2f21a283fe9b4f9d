import { useEffect, useState } from 'react';
import { useStore } from '../lib/use-store.ts';
import { StaffGate, signOutOf } from '../staff/components/staff-gate.tsx';
import { ClaimCode } from './claim-code.tsx';
import { Counter } from './counter.tsx';
import type { ScanInLine } from './line-scanner.ts';
import { clerkMessages } from './messages.ts';
import { StoreChooser } from './store-chooser.tsx';
import { TodaysPurchases } from './todays-purchases.tsx';

/**
 * The clerk page: sign in at a store, then serve customers one after another. `lineScanner`: in LINE, LINE's
 * scanner (or null when LINE does not offer it), which boot looks for while the clerk signs in.
 */
export function ClerkApp({ lineScanner }: { lineScanner?: Promise<ScanInLine | null> }) {
  const t = useStore(clerkMessages);
  const [served, setServed] = useState(0);
  const [scanInLine, setScanInLine] = useState<ScanInLine | null>(null);
  useEffect(() => {
    void lineScanner?.then((found) => setScanInLine(() => found));
  }, [lineScanner]);
  return (
    <StaffGate action="purchase.record" heading={t.signInHeading}>
      {(session) => (
        <div className="clerk">
          <header className="console-head">
            <span className="brand">{t.title}</span>
            <span className="who">
              {session.staff.displayName}・{session.store?.name ?? '—'}
            </span>
            <button type="button" className="link" onClick={() => void signOutOf()}>
              {t.signOut}
            </button>
          </header>
          <main className="console-main">
            {session.store === null ? (
              <StoreChooser session={session} />
            ) : (
              <>
                <Counter onServed={() => setServed((n) => n + 1)} scanInLine={scanInLine} />
                <TodaysPurchases key={served} canVoid={session.actions.includes('purchase.void')} />
                {session.actions.includes('claim_code.issue') && <ClaimCode />}
              </>
            )}
          </main>
        </div>
      )}
    </StaffGate>
  );
}
