import { useEffect, useRef, useState } from 'react';
import { scannerI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { cameraReader } from '../scanner/camera-reader.ts';
import { scanMessages } from './messages.ts';

export const cameraMessages = scannerI18n('counterCamera', {
  scanning: '請將會員卡 QR code 或條碼對準鏡頭',
  stopScan: '停止掃描',
  close: '關閉',
  cameraDenied: '鏡頭權限被拒絕。請在瀏覽器設定中允許使用鏡頭，或輸入條碼下方的號碼或手機號碼。',
  readerFailed: '掃描功能無法載入，請確認網路後再試，或輸入條碼下方的號碼或手機號碼。',
});

type Problem = 'noCamera' | 'cameraDenied' | 'readerFailed';

/** A camera the clerk (or the browser's policy) refused, or none at all (or none free, or no camera API). */
const cameraProblem = (error: unknown): Problem =>
  ['NotAllowedError', 'SecurityError'].includes((error as { name?: string } | null)?.name ?? '')
    ? 'cameraDenied'
    : 'noCamera';

/**
 * The phone's back camera, one frame read about every 250 ms until a code is found (the member card's QR code
 * or Code 128 barcode), by BarcodeDetector or zxing-wasm (camera-reader.ts).
 */
export default function Scanner({
  onCode,
  onClose,
}: {
  onCode: (code: string) => void;
  onClose: () => void;
}) {
  const t = { ...useStore(scanMessages), ...useStore(cameraMessages) };
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  useEffect(() => {
    let stopped = false;
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stopCamera = () => {
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    // The reader loads (zxing-wasm's WebAssembly, maybe) while the clerk answers the camera prompt.
    const reading = cameraReader();
    reading.catch(() => undefined);
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      } catch (error) {
        if (!stopped) setProblem(cameraProblem(error));
        return;
      }
      if (stopped || !video.current) return stopCamera();
      video.current.srcObject = stream;
      await video.current.play().catch(() => undefined);
      const read = await reading.catch(() => null);
      if (!read) {
        stopCamera();
        if (!stopped) setProblem('readerFailed');
        return;
      }
      const look = async () => {
        if (stopped || !video.current) return;
        const code = await read(video.current).catch(() => null);
        if (stopped) return;
        if (code) onCode(code);
        else timer = setTimeout(look, 250);
      };
      void look();
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      stopCamera();
    };
  }, [onCode]);

  return (
    <div className="scanner">
      {problem ? (
        <p className="form-error" role="alert">
          {t[problem]}
        </p>
      ) : (
        <>
          <video ref={video} playsInline muted />
          <p className="field-hint">{t.scanning}</p>
        </>
      )}
      <button type="button" className="button secondary" onClick={onClose}>
        {problem ? t.close : t.stopScan}
      </button>
    </div>
  );
}
