import { useEffect, useState } from 'react';
import { BrandMark } from '../../components/brand-mark.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { StaffGate, signOutOf } from '../../components/staff-gate.tsx';
import { ClaimCode } from '../../features/counter/components/claim-code.tsx';
import { counterMessages } from '../../features/counter/components/messages.ts';
import { RecordPurchase } from '../../features/counter/components/record-purchase.tsx';
import { StoreChooser } from '../../features/counter/components/store-chooser.tsx';
import { TodaysPurchases } from '../../features/counter/components/todays-purchases.tsx';
import type { ScanInLine } from '../../features/counter/scanner/line-scanner.ts';
import { staffSession } from '../../lib/staff-api.ts';
import { useStore } from '../../lib/use-store.ts';

/**
 * The clerk page: sign in at a store, then serve customers one after another. `lineScanner`: in LINE, LINE's
 * scanner (or null when LINE does not offer it), which boot looks for while the clerk signs in.
 */
export function CounterApp({ lineScanner }: { lineScanner?: Promise<ScanInLine | null> }) {
  const t = useStore(counterMessages);
  const [served, setServed] = useState(0);
  const [scanInLine, setScanInLine] = useState<ScanInLine | null>(null);
  useEffect(() => {
    void lineScanner?.then((found) => setScanInLine(() => found));
  }, [lineScanner]);
  const signedOut = useStore(staffSession) === null;
  // The clerk chooses the language before signing in too, as in the console.
  return (
    <>
      {signedOut && (
        <div className="corner">
          <LanguageSwitch />
        </div>
      )}
      <StaffGate action="purchase.record" heading={t.signInHeading}>
        {(session) => (
          <div className="counter-page">
            <header className="console-head">
              <BrandMark brand={session.brand} page={t.title} />
              <span className="who">
                {session.staff.displayName}・{session.store?.name ?? '—'}
              </span>
              <LanguageSwitch />
              <button type="button" className="link" onClick={() => void signOutOf()}>
                {t.signOut}
              </button>
            </header>
            <main className="console-main">
              {session.store === null ? (
                <StoreChooser session={session} />
              ) : (
                <>
                  <RecordPurchase
                    onServed={() => setServed((n) => n + 1)}
                    scanInLine={scanInLine}
                    canGive={session.actions.includes('coupon.give')}
                  />
                  <TodaysPurchases key={served} canVoid={session.actions.includes('purchase.void')} />
                  {session.actions.includes('claim_code.issue') && <ClaimCode />}
                </>
              )}
            </main>
          </div>
        )}
      </StaffGate>
    </>
  );
}
