import { Fragment, useEffect, useRef } from 'react';
import type { ChatEntry, LineAction, LineMessage, ShopperEvent } from './line-types.ts';
import { AccountMessage } from './message.tsx';
import { dateLabel, taipeiDay, timeOfDay } from './time.ts';

interface ChatProps {
  entries: ChatEntry[];
  botName: string;
  onAction: (action: LineAction) => void;
  /** displayTexts of postback taps kept by this browser, by webhook event ID. */
  displayTexts?: Record<string, string>;
}

/** What a shopper's own event shows: a green bubble, a notice line, or nothing (a plain postback). */
function shopperLine(event: ShopperEvent, botName: string, displayText: string | undefined) {
  if (event.type === 'follow') {
    return { notice: event.follow?.isUnblocked ? `你已解除封鎖 ${botName}` : `你已將 ${botName} 加入好友` };
  }
  if (event.type === 'unfollow') return { notice: `你已封鎖 ${botName}` };
  if (event.type === 'postback') return displayText ? { text: displayText } : null;
  if (event.type !== 'message' || !event.message) return null;
  const m = event.message as Record<string, unknown>;
  const text =
    {
      text: String(m.text),
      sticker: `🧸 貼圖 ${m.packageId}/${m.stickerId}`,
      image: '🖼️ 圖片',
      location: `📍 ${m.title ?? '位置資訊'}`,
    }[String(m.type)] ?? `[${m.type}]`;
  return { text };
}

/** Carousels run to the screen's edge and scroll sideways, as in LINE; their time goes beneath. */
const isWide = (message: LineMessage) =>
  (message.type === 'flex' && (message.contents as { type?: string })?.type === 'carousel') ||
  (message.type === 'template' && String((message.template as { type?: string })?.type).endsWith('carousel'));

function Time({ at }: { at: number }) {
  return <time className="time">{timeOfDay(at)}</time>;
}

/** The chat, oldest first, scrolled to the newest line when one arrives. */
export function Chat({ entries, botName, onAction, displayTexts = {} }: ChatProps) {
  const end = useRef<HTMLDivElement>(null);
  const count = entries.length;
  useEffect(() => {
    if (count > 0) end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);
  // Opening the rich menu or the keyboard shortens the chat: keep the newest line in sight, as LINE does.
  useEffect(() => {
    const chat = end.current?.parentElement;
    if (!chat || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => end.current?.scrollIntoView?.({ block: 'end' }));
    observer.observe(chat);
    return () => observer.disconnect();
  }, []);

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
                  <AccountMessage message={entry.message} onAction={onAction} />
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
            {shown.notice ? (
              <div className="notice">{shown.notice}</div>
            ) : (
              <div className="row row-shopper">
                <Time at={entry.at} />
                <div className="bubble bubble-shopper">{shown.text}</div>
              </div>
            )}
          </Fragment>
        );
      })}
      <div ref={end} />
    </div>
  );
}
