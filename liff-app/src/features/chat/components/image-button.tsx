import { type ChangeEvent, useRef, useState } from 'react';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { sendImage } from '../api/conversations.ts';
import type { ChatMessageView, ConversationView } from '../api/types.ts';
import { chatErrorMessages, composerMessages } from './messages.ts';

/**
 * LINE's largest image (10 MB, read as 10,000,000 bytes as the server reads it: bot/domain/chat/image-answer.ts),
 * checked here too so that a file LINE would refuse is not uploaded for nothing.
 */
const IMAGE_MAX_BYTES = 10_000_000;
const IMAGE_TYPES = ['image/jpeg', 'image/png'];
/** The preview LINE shows in the chat: a JPEG at most 240 pixels a side, some ten kilobytes (LINE's limit: 1 MB). */
const PREVIEW_SIDE = 240;

/** The preview of a picked image, drawn on a canvas (no image library on the server: it is made here). */
async function previewOf(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, PREVIEW_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No canvas to draw the preview on');
  // A PNG's transparent parts would turn black in a JPEG: they go on white, as LINE's chat shows them.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The preview could not be made'))),
      'image/jpeg',
      0.8,
    ),
  );
}

/** A file's bytes in base64, as the images route takes them (in slices: one call per byte overflows the stack). */
async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(binary);
}

/**
 * The composer's image button: staff pick a JPEG or PNG, the page makes its preview and sends both; the answer
 * goes as a text answer does (free with the reply token, else a push). Off, with the reason, when the server has
 * no PUBLIC_URL for LINE to fetch images from. A picked file keeps its requestId until it is sent, so picking it
 * again after a lost answer sends it once.
 */
export function ImageButton({
  view,
  possible,
  onSent,
}: {
  view: ConversationView;
  /** Whether an answer can reach the shopper at all (a fresh reply token, or a push allowed). */
  possible: boolean;
  onSent: (message: ChatMessageView) => void;
}) {
  const t = useStore(composerMessages);
  const errors = useStore(errorMessages);
  const chatErrors = useStore(chatErrorMessages);
  const input = useRef<HTMLInputElement>(null);
  const request = useRef<{ key: string; id: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const allowed = view.images.allowed;

  const send = async (file: File) => {
    setProblem(null);
    if (!IMAGE_TYPES.includes(file.type)) return setProblem(t.imageType);
    if (file.size > IMAGE_MAX_BYTES) return setProblem(t.imageTooLarge);
    const key = `${view.conversation.id}:${file.name}:${file.size}:${file.lastModified}`;
    if (request.current?.key !== key) request.current = { key, id: crypto.randomUUID() };
    const requestId = request.current.id;
    setBusy(true);
    try {
      let preview: Blob;
      try {
        preview = await previewOf(file);
      } catch {
        return setProblem(t.imageUnreadable);
      }
      const [original, small] = await Promise.all([base64Of(file), base64Of(preview)]);
      const sent = await sendImage(view.conversation.id, { original, preview: small, requestId });
      request.current = null;
      onSent(sent.message);
    } catch (error) {
      setProblem(refusalText({ ...errors, ...chatErrors }, error));
    } finally {
      setBusy(false);
    }
  };

  const picked = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Emptied, so that the same file picked again (after a failure) is a change again.
    event.target.value = '';
    if (file) void send(file);
  };

  return (
    <div className="chat-image-send">
      <input
        ref={input}
        type="file"
        accept={IMAGE_TYPES.join(',')}
        hidden
        aria-label={t.image}
        onChange={picked}
      />
      <button
        type="button"
        className="button inline secondary"
        disabled={!allowed || !possible || busy}
        aria-describedby={allowed ? undefined : 'chat-image-off'}
        onClick={() => input.current?.click()}
      >
        {busy ? t.sendingImage : t.image}
      </button>
      {!allowed && (
        <p id="chat-image-off" className="field-hint">
          {t.imagesOff}
        </p>
      )}
      <Problem>{problem}</Problem>
    </div>
  );
}
