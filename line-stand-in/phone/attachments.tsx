import type { ChangeEvent } from 'react';
import type { Sticker, Upload } from './line-types.ts';

/**
 * A few of LINE's own stickers, from its list of stickers a bot may also send
 * (https://developers.line.biz/en/docs/messaging-api/sticker-list/): two still packages and an animated one.
 */
export const STICKERS: Sticker[] = [
  { packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' },
  { packageId: '446', stickerId: '1989', stickerResourceType: 'STATIC' },
  { packageId: '446', stickerId: '1990', stickerResourceType: 'STATIC' },
  { packageId: '789', stickerId: '10855', stickerResourceType: 'STATIC' },
  { packageId: '789', stickerId: '10856', stickerResourceType: 'STATIC' },
  { packageId: '11537', stickerId: '52002734', stickerResourceType: 'ANIMATION' },
  { packageId: '11537', stickerId: '52002735', stickerResourceType: 'ANIMATION' },
  { packageId: '11537', stickerId: '52002736', stickerResourceType: 'ANIMATION' },
];

/** The stand-in keeps what a shopper uploads in memory: up to 10 MB a photo or file (its own limit). */
export const UPLOAD_LIMIT = 10 * 1024 * 1024;
/** Photos LINE's app sends as image messages; anything else goes as a file. */
const PHOTO_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** A picked file as the control API takes it: a photo as an image message, the rest as a file message. */
export async function readUpload(file: File): Promise<Upload> {
  const base64 = base64Of(new Uint8Array(await file.arrayBuffer()));
  const contentType = file.type || 'application/octet-stream';
  return PHOTO_TYPES.has(contentType)
    ? { type: 'image', contentType, base64 }
    : { type: 'file', fileName: file.name, contentType, base64 };
}

/** The sticker keyboard: tap one to send it. */
export function StickerPicker({ onPick }: { onPick: (sticker: Sticker) => void }) {
  return (
    <div className="sticker-picker" role="listbox" aria-label="貼圖">
      {STICKERS.map((sticker) => (
        <button
          type="button"
          key={`${sticker.packageId}/${sticker.stickerId}`}
          className="sticker-choice"
          aria-label={`貼圖 ${sticker.packageId}/${sticker.stickerId}`}
          onClick={() => onPick(sticker)}
        >
          🧸
          <small>
            {sticker.packageId}/{sticker.stickerId}
          </small>
        </button>
      ))}
    </div>
  );
}

interface AttachProps {
  stickersOpen: boolean;
  onStickers: (open: boolean) => void;
  onFile: (file: File) => void;
}

/** The chat bar's 「+」 (a photo or file from the device) and the sticker button. */
export function AttachButtons({ stickersOpen, onStickers, onFile }: AttachProps) {
  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) onFile(file);
  };
  return (
    <>
      <label className="icon attach" aria-label="傳送照片或檔案">
        ＋
        <input type="file" hidden onChange={picked} />
      </label>
      <button
        type="button"
        className="icon"
        aria-label="貼圖"
        aria-pressed={stickersOpen}
        onClick={() => onStickers(!stickersOpen)}
      >
        ☺
      </button>
    </>
  );
}
