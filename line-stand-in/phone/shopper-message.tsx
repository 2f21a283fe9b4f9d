import { contentUrl } from './api.ts';
import type { ChatEntry, LineMessage } from './line-types.ts';
import { summary } from './message.tsx';

const s = (value: unknown) => (typeof value === 'string' ? value : '');

/** A file's size as LINE's app writes it under the name: 「12.3 KB」. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One message the shopper sent, as their own LINE app draws it: green bubbles, photos, stickers, files. */
export function ShopperMessage({ message }: { message: LineMessage }) {
  switch (message.type) {
    case 'text':
      return <div className="bubble bubble-shopper">{s(message.text)}</div>;
    case 'sticker':
      return (
        <div className="sticker" title="貼圖">
          🧸 貼圖 {s(message.packageId)}/{s(message.stickerId)}
        </div>
      );
    case 'image':
      return <img className="photo" src={contentUrl(s(message.id))} alt="圖片" />;
    case 'file':
      return (
        <a
          className="bubble bubble-shopper file"
          href={contentUrl(s(message.id))}
          download={s(message.fileName)}
        >
          <span aria-hidden="true">📄</span>
          <span>
            {s(message.fileName)}
            <small>{fileSize(Number(message.fileSize))}</small>
          </span>
        </a>
      );
    case 'location':
      return <div className="bubble bubble-shopper">📍 {s(message.title) || '位置資訊'}</div>;
    default:
      return <div className="bubble bubble-shopper">[{message.type}]</div>;
  }
}

/** What a quote shows of a quoted message: its words, or what it is. */
const quotedText = (message: LineMessage): string =>
  message.type === 'file'
    ? s(message.fileName)
    : (({ image: '照片', sticker: '貼圖' } as Record<string, string>)[message.type] ?? summary(message));

export interface Quoted {
  name: string;
  text: string;
}

/** The messages of the chat a later one may quote, by their quote tokens: the shopper's and the account's. */
export function quotable(entries: ChatEntry[], shopperName: string, botName: string): Map<string, Quoted> {
  const byToken = new Map<string, Quoted>();
  for (const entry of entries) {
    if (entry.from === 'shopper') {
      const message = entry.event.message;
      const token = s(message?.quoteToken);
      if (message && token) byToken.set(token, { name: shopperName, text: quotedText(message) });
    } else if (entry.quoteToken) {
      const name = entry.message.sender?.name ?? botName;
      byToken.set(entry.quoteToken, { name, text: quotedText(entry.message) });
    }
  }
  return byToken;
}

/** LINE's quote: the quoted sender and words, greyed, at the top of the reply's bubble. */
export function Quote({ quoted }: { quoted: Quoted }) {
  return (
    <div className="quote">
      <strong>{quoted.name}</strong>
      <span>{quoted.text}</span>
    </div>
  );
}
