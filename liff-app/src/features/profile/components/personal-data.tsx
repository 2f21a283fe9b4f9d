import { useState } from 'react';
import { useServices } from '../../../lib/services.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { downloadMyData, leave } from '../api/personal-data.ts';
import { profileMessages } from './messages.ts';

type Step = 'idle' | 'unbind' | 'delete' | 'delete-final';

/** Personal data rights (Taiwan PDPA): a copy of my data, unbinding LINE, and deleting, confirmed twice. */
export function PersonalData({ onLeft }: { onLeft: () => void }) {
  const t = useStore(profileMessages);
  const { api } = useServices();
  const [step, setStep] = useState<Step>('idle');
  const [status, setStatus] = useState<string | null>(null);

  const run = (action: () => Promise<unknown>, after: () => void) => async () => {
    setStatus(null);
    try {
      await action();
      after();
    } catch {
      setStatus(t.failed);
    }
  };

  return (
    <section className="panel" aria-labelledby="data-heading">
      <h2 id="data-heading">{t.data}</h2>
      <button
        type="button"
        className="button secondary"
        onClick={run(
          () => downloadMyData(api),
          () => setStatus(t.downloaded),
        )}
      >
        {t.download}
      </button>
      {step === 'idle' && (
        <>
          <button type="button" className="button secondary" onClick={() => setStep('unbind')}>
            {t.unbind}
          </button>
          <button type="button" className="button danger" onClick={() => setStep('delete')}>
            {t.remove}
          </button>
        </>
      )}
      {step === 'unbind' && (
        <fieldset aria-label={t.unbind}>
          <p>{t.unbindExplain}</p>
          <button type="button" className="button danger" onClick={run(() => leave(api, 'unbind'), onLeft)}>
            {t.unbindConfirm}
          </button>
          <button type="button" className="button secondary" onClick={() => setStep('idle')}>
            {t.cancel}
          </button>
        </fieldset>
      )}
      {(step === 'delete' || step === 'delete-final') && (
        <fieldset aria-label={t.remove}>
          <p>{t.removeExplain}</p>
          {step === 'delete' ? (
            <button type="button" className="button danger" onClick={() => setStep('delete-final')}>
              {t.removeConfirm}
            </button>
          ) : (
            <button type="button" className="button danger" onClick={run(() => leave(api, 'delete'), onLeft)}>
              {t.removeFinal}
            </button>
          )}
          <button type="button" className="button secondary" onClick={() => setStep('idle')}>
            {t.cancel}
          </button>
        </fieldset>
      )}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
