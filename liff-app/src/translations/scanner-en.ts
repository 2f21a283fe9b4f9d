import type { ComponentsJSON } from '@nanostores/i18n';

const typeInstead = 'type the number under the barcode or the member’s phone number.';

/** The counter's scanner in English; the zh-TW base texts are beside its components. */
export const scannerEn = {
  counterScanner: {
    scan: 'Scan member card',
    noCamera: `This device has no camera to use: ${typeInstead}`,
  },
  counterCamera: {
    scanning: 'Hold the member card’s QR code or barcode to the camera',
    stopScan: 'Stop scanning',
    close: 'Close',
    cameraDenied: `Camera access was denied. Allow the camera in the browser’s settings, or ${typeInstead}`,
    readerFailed: `The scanner could not load. Check the network and try again, or ${typeInstead}`,
  },
} satisfies ComponentsJSON;
