import { useState } from 'react';
import { formatTime } from '../../../lib/format.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { ChatMessageView } from '../api/types.ts';
import { excerpt, kindWords, mapUrl, stickerUrl } from './chat-words.ts';
import { conversationMessages, kindMessages } from './messages.ts';

/** A sticker as LINE's apps show it, or its label when LINE's image cannot be had. */
function Sticker({ stickerId }: { stickerId: string }) {
  const kinds = useStore(kindMessages);
  const [failed, setFailed] = useState(false);
  if (failed) return <span className="chat-label">{kinds.sticker}</span>;
  return (
    <img
      className="chat-sticker"
      src={stickerUrl(stickerId)}
      alt={kinds.sticker}
      onError={() => setFailed(true)}
    />
  );
}

/** An image, video, audio or file, from the product's copy of LINE's content (the media route). */
function Media({ message }: { message: ChatMessageView }) {
  const t = useStore(conversationMessages);
  const kinds = useStore(kindMessages);
  const media = message.media!;
  const label = kindWords(kinds, message.kind);
  if (media.status === 'pending')
    return <span className="chat-label">{kinds.both({ a: label, b: t.mediaPending })}</span>;
  if (media.status === 'failed')
    return <span className="chat-label">{kinds.both({ a: label, b: t.mediaFailed })}</span>;
  if (media.status === 'erased')
    return <span className="chat-label">{kinds.both({ a: label, b: t.mediaErased })}</span>;
  if (message.kind === 'image')
    return (
      <a
        href={media.url}
        target="_blank"
        rel="noopener"
        aria-label={kinds.both({ a: label, b: t.openImage })}
      >
        <img className="chat-image" src={media.url} alt={label} />
      </a>
    );
  // A shopper's video or voice has no captions to give a player: it opens in the browser's own.
  if (message.kind === 'video' || message.kind === 'audio')
    return (
      <a href={media.url} target="_blank" rel="noopener">
        {kinds.both({ a: label, b: t.play })}
      </a>
    );
  return (
    <a href={media.url} download>
      {kinds.both({ a: label, b: message.text ?? t.download })}
    </a>
  );
}

/** What a message says: its text, sticker, medium or place, or that it was erased. */
function Body({ message }: { message: ChatMessageView }) {
  const t = useStore(conversationMessages);
  const kinds = useStore(kindMessages);
  if (message.erased) return <span className="chat-label">{kinds.erased}</span>;
  if (message.sticker) return <Sticker stickerId={message.sticker.stickerId} />;
  if (message.media) return <Media message={message} />;
  if (message.location) {
    const place = message.location;
    return (
      <span>
        {place.title && place.address
          ? kinds.both({ a: place.title, b: place.address })
          : (place.title ?? place.address ?? kinds.location)}{' '}
        <a href={mapUrl(place.latitude, place.longitude)} target="_blank" rel="noopener">
          {t.map}
        </a>
      </span>
    );
  }
  if (message.text !== null) return <span className="chat-text">{message.text}</span>;
  return <span className="chat-label">{kindWords(kinds, message.kind)}</span>;
}

/**
 * One message of the conversation: the shopper's on the left (已讀 once read), the brand's on the right with who
 * wrote it or 自動回覆, how it went (推播) and whether it went; what it quotes above it; a way to quote it.
 */
export function ChatMessage({
  message,
  onQuote,
}: {
  message: ChatMessageView;
  onQuote: ((message: ChatMessageView) => void) | null;
}) {
  const t = useStore(conversationMessages);
  const kinds = useStore(kindMessages);
  const time = formatTime(message.sentAt);
  const out = message.direction === 'out';
  return (
    <li className={out ? 'chat-message out' : 'chat-message in'}>
      {out && (
        <span className="chat-who">
          {message.automatic
            ? t.automatic
            : message.staff
              ? t.staffWrote({ name: message.staff.displayName })
              : ''}
        </span>
      )}
      <div className="chat-bubble">
        {message.quoted && (
          <blockquote className="chat-quoted">
            {t.quoted({ text: message.quoted.text ?? t.quotedGone })}
          </blockquote>
        )}
        <Body message={message} />
      </div>
      <span className="chat-meta">
        <time dateTime={message.sentAt}>{time}</time>
        {out && message.delivery === 'push' && <span>{t.push}</span>}
        {out && message.status === 'pending' && <span>{t.pending}</span>}
        {out && message.status === 'failed' && <span className="chat-failed">{t.failed}</span>}
        {!out && message.readAt && <span>{t.read}</span>}
        {onQuote && !message.erased && (
          <button
            type="button"
            className="link"
            aria-label={t.quoteThis({ text: excerpt(kinds, message) })}
            onClick={() => onQuote(message)}
          >
            {t.quote}
          </button>
        )}
      </span>
    </li>
  );
}
