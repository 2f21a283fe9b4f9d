import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatDateTime, formatTime } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useCannedReplies } from '../api/canned-replies.ts';
import { sendAnswer, startTyping } from '../api/conversations.ts';
import type { ChatMessageView, ConversationView } from '../api/types.ts';
import { excerpt } from './chat-words.ts';
import { ImageButton } from './image-button.tsx';
import { chatErrorMessages, composerMessages, kindMessages } from './messages.ts';

/** LINE's loading animation is started at most this often while staff type (the server throttles it too). */
const TYPING_EVERY_MS = 10_000;

/** How an answer would go now, in words: free with the reply token, or a push that counts, or not at all. */
export function DeliveryLine({ view }: { view: ConversationView }) {
  const t = useStore(composerMessages);
  const { reply, push } = view;
  if (reply.token === 'fresh' && reply.freshUntil)
    return <p className="chat-delivery free">{t.free({ time: formatTime(reply.freshUntil) })}</p>;
  if (!push.allowed)
    return (
      <p className="chat-delivery blocked" role="note">
        {t.cannot}
      </p>
    );
  return (
    <p className="chat-delivery push">
      {push.until && `${t.nonFriend({ time: formatDateTime(push.until) })} `}
      {push.quotaLeft === null ? t.pushNoQuota : t.push({ count: formatPoints(push.quotaLeft) })}
    </p>
  );
}

/**
 * The answer being written: text, a canned reply, the message it quotes, and how it will go. Each answer has its
 * requestId, kept until it is sent, so a double click or a retry after a lost answer sends it once.
 */
export function Composer({
  view,
  quote,
  onUnquote,
  onSent,
}: {
  view: ConversationView;
  quote: ChatMessageView | null;
  onUnquote: () => void;
  onSent: (message: ChatMessageView) => void;
}) {
  const t = useStore(composerMessages);
  const kinds = useStore(kindMessages);
  const errors = useStore(errorMessages);
  const chatErrors = useStore(chatErrorMessages);
  const canned = useCannedReplies();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const request = useRef<{ key: string; id: string } | null>(null);
  const sending = useRef(false);
  const typedAt = useRef(0);
  const id = view.conversation.id;
  const possible = (view.reply.token === 'fresh' && view.reply.freshUntil !== null) || view.push.allowed;

  const typing = (value: string) => {
    setText(value);
    if (value.trim() && Date.now() - typedAt.current >= TYPING_EVERY_MS) {
      typedAt.current = Date.now();
      startTyping(id).catch(() => {});
    }
  };

  const send = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body || !possible) return;
    const key = `${quote?.id ?? ''}:${body}`;
    if (request.current?.key !== key) request.current = { key, id: crypto.randomUUID() };
    const requestId = request.current.id;
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const sent = await sendAnswer(id, {
        text: body,
        requestId,
        ...(quote && { quoteMessageId: quote.id }),
      });
      request.current = null;
      setText('');
      onUnquote();
      onSent(sent.message);
    } catch (error) {
      setProblem(refusalText({ ...errors, ...chatErrors }, error));
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const keys = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line; Enter that picks a word in an input method does neither.
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  return (
    <form className="composer" aria-label={t.label} onSubmit={send}>
      {quote && (
        <p className="chat-quoting">
          {t.quoting({ text: excerpt(kinds, quote) })}
          <button type="button" className="link" onClick={onUnquote}>
            {t.cancelQuote}
          </button>
        </p>
      )}
      <label htmlFor="chat-answer" className="visually-hidden">
        {t.label}
      </label>
      <textarea
        id="chat-answer"
        rows={3}
        value={text}
        maxLength={5000}
        disabled={!possible}
        aria-describedby="chat-delivery-hint"
        onChange={(event) => typing(event.target.value)}
        onKeyDown={keys}
      />
      <div id="chat-delivery-hint">
        <DeliveryLine view={view} />
      </div>
      <Problem>{problem}</Problem>
      <div className="row">
        {canned.data && canned.data.length > 0 && (
          <select
            aria-label={t.canned}
            value=""
            disabled={!possible}
            onChange={(event) => {
              const chosen = canned.data?.find((reply) => String(reply.id) === event.target.value);
              if (chosen) typing(text.trim() ? `${text}\n${chosen.text}` : chosen.text);
            }}
          >
            <option value="">{t.chooseCanned}</option>
            {canned.data.map((reply) => (
              <option key={reply.id} value={reply.id}>
                {reply.title}
              </option>
            ))}
          </select>
        )}
        <button type="submit" className="button inline" disabled={busy || !possible || !text.trim()}>
          {busy ? t.sending : t.send}
        </button>
      </div>
      <p className="field-hint">{t.enterHint}</p>
      <ImageButton view={view} possible={possible} onSent={onSent} />
    </form>
  );
}
