import { useEffect, useRef, useState } from 'react';
import { useStore } from '../lib/use-store.ts';
import { clerkMessages } from './messages.ts';

interface Detector {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** True when this browser can scan with its camera (BarcodeDetector and a camera API). */
export const canScan = () =>
  typeof window !== 'undefined' &&
  'BarcodeDetector' in window &&
  Boolean(navigator.mediaDevices?.getUserMedia);

/**
 * The phone's back camera, read with the browser's BarcodeDetector (QR code and Code 128, the two on the member
 * card) until a code is found.
 */
export function Scanner({ onCode, onClose }: { onCode: (code: string) => void; onClose: () => void }) {
  const t = useStore(clerkMessages);
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(!canScan());

  useEffect(() => {
    if (!canScan()) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const Detector = (window as unknown as { BarcodeDetector: DetectorClass }).BarcodeDetector;
    const detector = new Detector({ formats: ['qr_code', 'code_128'] });
    const look = async () => {
      if (stopped || !video.current) return;
      const found = await detector.detect(video.current).catch(() => []);
      if (found[0]) onCode(found[0].rawValue);
      else timer = setTimeout(look, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (media) => {
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        await video.current.play();
        void look();
      })
      .catch(() => setFailed(true));
    return () => {
      stopped = true;
      clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [onCode]);

  return (
    <div className="scanner">
      {failed ? (
        <p className="form-error" role="alert">
          {t.noCamera}
        </p>
      ) : (
        <>
          <video ref={video} playsInline muted />
          <p className="field-hint">{t.scanning}</p>
        </>
      )}
      <button type="button" className="button secondary" onClick={onClose}>
        {t.stopScan}
      </button>
    </div>
  );
}
