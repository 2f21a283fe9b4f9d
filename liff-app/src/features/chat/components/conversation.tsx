import { Fragment, useEffect, useRef, useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { ChatMessageView, ConversationRow } from '../api/types.ts';
import { ChatMessage } from './chat-message.tsx';
import { dayWords, taipeiDay, whoWrites } from './chat-words.ts';
import { Composer } from './composer.tsx';
import { ConversationControls } from './conversation-controls.tsx';
import { chatErrorMessages, composerMessages, conversationMessages } from './messages.ts';
import type { useConversation } from './use-conversation.ts';

/**
 * The conversation open beside the inbox: who it is with, its controls, its messages by Taipei day (今天, 昨天, a
 * date), and the composer for those who may answer.
 */
export function Conversation({
  session,
  conversation: { view, messages, error, hasEarlier, loadEarlier, arrived, reload },
  people,
  onRow,
  onBack,
}: {
  session: SessionResponse;
  conversation: ReturnType<typeof useConversation>;
  people: { id: number; displayName: string }[];
  onRow: (row: ConversationRow) => void;
  onBack: () => void;
}) {
  const t = useStore(conversationMessages);
  const composer = useStore(composerMessages);
  const errors = useStore(errorMessages);
  const chatErrors = useStore(chatErrorMessages);
  const [quote, setQuote] = useState<ChatMessageView | null>(null);
  const canReply = session.actions.includes('chat.reply');
  const end = useRef<HTMLLIElement>(null);
  const newest = messages.at(-1)?.id;

  // The newest message in view when it arrives (scrollIntoView is absent where nothing is laid out).
  // Braces: Chromium's scrollIntoView now answers a promise, which React would take for a cleanup.
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls when the newest message changes
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [newest]);

  if (error && !view) return <Problem>{refusalText({ ...errors, ...chatErrors }, error)}</Problem>;
  if (!view) return <p className="status">{t.choose}</p>;
  const row = view.conversation;
  const name = whoWrites(row, t.stranger);

  return (
    <section className="chat-conversation" aria-labelledby="chat-with">
      <div className="chat-head">
        <button type="button" className="link chat-back" onClick={onBack}>
          {t.back}
        </button>
        <h2 id="chat-with">{name}</h2>
      </div>
      {canReply && <ConversationControls session={session} row={row} people={people} onChanged={onRow} />}
      {hasEarlier && (
        <button type="button" className="link" onClick={() => void loadEarlier()}>
          {t.older}
        </button>
      )}
      {messages.length === 0 && <p className="status">{t.noMessages}</p>}
      <ol className="chat-messages" aria-label={t.messages}>
        {messages.map((message, i) => {
          const day = taipeiDay(message.sentAt);
          const newDay = i === 0 || taipeiDay(messages[i - 1]!.sentAt) !== day;
          return (
            <Fragment key={message.id}>
              {newDay && <li className="chat-day">{dayWords(message.sentAt, t)}</li>}
              <ChatMessage message={message} onQuote={canReply ? setQuote : null} />
            </Fragment>
          );
        })}
        <li ref={end} aria-hidden="true" />
      </ol>
      {canReply ? (
        <Composer
          view={view}
          quote={quote}
          onUnquote={() => setQuote(null)}
          onSent={(message) => {
            arrived(message);
            void reload();
          }}
        />
      ) : (
        <p className="field-hint">{composer.readOnly}</p>
      )}
    </section>
  );
}
