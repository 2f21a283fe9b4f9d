import { Fragment, useEffect, useRef } from 'react';
import type { ChatEntry, LineAction, LineMessage, ShopperEvent } from './line-types.ts';
import { AccountMessage } from './message.tsx';
import { Quote, quotable, ShopperMessage } from './shopper-message.tsx';
import { dateLabel, taipeiDay, timeOfDay } from './time.ts';

interface ChatProps {
  entries: ChatEntry[];
  botName: string;
  /** The shopper's own name, which LINE shows on a quote of their message. */
  shopperName?: string;
  /** The account's loading animation (three dots) shows now. */
  loading?: boolean;
  onAction: (action: LineAction) => void;
  /** displayTexts of postback taps kept by this browser, by webhook event ID. */
  displayTexts?: Record<string, string>;
}

/** What a shopper's own event shows: a message, a notice line, or nothing (a plain postback). */
function shopperLine(
  event: ShopperEvent,
  botName: string,
  displayText: string | undefined,
): { notice: string } | { message: LineMessage } | null {
  if (event.type === 'follow') {
    return { notice: event.follow?.isUnblocked ? `你已解除封鎖 ${botName}` : `你已將 ${botName} 加入好友` };
  }
  if (event.type === 'unfollow') return { notice: `你已封鎖 ${botName}` };
  if (event.type === 'unsend') return { notice: '你已收回訊息' };
  if (event.type === 'postback') return displayText ? { message: { type: 'text', text: displayText } } : null;
  if (event.type !== 'message' || !event.message) return null;
  return { message: event.message };
}

/** LINE's typing bubble: three dots beside the account's avatar while its loading animation runs. */
function Typing({ botName }: { botName: string }) {
  return (
    <div className="row row-account">
      <div className="avatar" title={botName}>
        {botName.slice(0, 1)}
      </div>
      <div className="bubble bubble-account typing" role="status" aria-label="對方正在輸入">
        <span />
        <span />
        <span />
      </div>
    </div>
  );
}

/** Carousels run to the screen's edge and scroll sideways, as in LINE; their time goes beneath. */
const isWide = (message: LineMessage) =>
  (message.type === 'flex' && (message.contents as { type?: string })?.type === 'carousel') ||
  (message.type === 'template' && String((message.template as { type?: string })?.type).endsWith('carousel'));

function Time({ at }: { at: number }) {
  return <time className="time">{timeOfDay(at)}</time>;
}

/** The chat, oldest first, scrolled to the newest line when one arrives. */
export function Chat({
  entries,
  botName,
  shopperName = '你',
  loading = false,
  onAction,
  displayTexts = {},
}: ChatProps) {
  const end = useRef<HTMLDivElement>(null);
  const count = entries.length + (loading ? 1 : 0);
  useEffect(() => {
    if (count > 0) end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);
  const quotes = quotable(entries, shopperName, botName);
  // Opening the rich menu or the keyboard shortens the chat: keep the newest line in sight, as LINE does.
  useEffect(() => {
    const chat = end.current?.parentElement;
    if (!chat || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => end.current?.scrollIntoView?.({ block: 'end' }));
    observer.observe(chat);
    return () => observer.disconnect();
  }, []);

  const quoteOf = (message: LineMessage) => {
    const quoted = typeof message.quoteToken === 'string' && quotes.get(message.quoteToken);
    return quoted ? <Quote quoted={quoted} /> : undefined;
  };
  let lastDay = '';
  return (
    <div className="chat" aria-live="polite">
      {entries.map((entry, index) => {
        const day = taipeiDay(entry.at);
        const dateLine = day !== lastDay && <div className="date-label">{dateLabel(entry.at)}</div>;
        lastDay = day;
        const key = entry.from === 'shopper' ? entry.event.webhookEventId : `${entry.at}-${index}`;
        if (entry.from === 'account') {
          const name = entry.message.sender?.name ?? botName;
          return (
            <Fragment key={key}>
              {dateLine}
              <div className={`row row-account${isWide(entry.message) ? ' row-wide' : ''}`}>
                <div className="avatar" title={name}>
                  {entry.message.sender?.iconUrl ? (
                    <img src={entry.message.sender.iconUrl} alt="" />
                  ) : (
                    name.slice(0, 1)
                  )}
                </div>
                <div className="content">
                  {entry.message.sender?.name && <div className="sender">{name}</div>}
                  <AccountMessage
                    message={entry.message}
                    onAction={onAction}
                    quote={quoteOf(entry.message)}
                  />
                </div>
                <Time at={entry.at} />
              </div>
            </Fragment>
          );
        }
        const shown = shopperLine(
          entry.event,
          botName,
          entry.displayText ?? entry.event.displayText ?? displayTexts[entry.event.webhookEventId],
        );
        if (!shown) return null;
        return (
          <Fragment key={key}>
            {dateLine}
            {'notice' in shown ? (
              <div className="notice">{shown.notice}</div>
            ) : (
              <div className="row row-shopper">
                <div className="meta">
                  {entry.readAt != null && <span className="read">已讀</span>}
                  <Time at={entry.at} />
                </div>
                <ShopperMessage message={shown.message} />
              </div>
            )}
          </Fragment>
        );
      })}
      {loading && <Typing botName={botName} />}
      <div ref={end} />
    </div>
  );
}
