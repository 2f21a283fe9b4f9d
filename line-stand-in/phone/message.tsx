import { type ReactNode, useState } from 'react';
import { FlexContents } from './flex.tsx';
import type { FlexNode, LineAction, LineMessage } from './line-types.ts';

const s = (value: unknown) => (typeof value === 'string' ? value : '');

/** What a message shows in the chat bar's notification and in `altText`-only places. */
export const summary = (message: LineMessage): string =>
  ({
    text: s(message.text),
    sticker: '[貼圖]',
    image: '[圖片]',
    video: '[影片]',
    audio: '[語音訊息]',
    location: `[位置] ${s(message.title)}`,
  })[message.type] ?? s(message.altText);

/**
 * An image message as LINE draws it: its preview, from the account's https link. A link the stand-in's browser
 * cannot load (the demo's PUBLIC_URL points at no server it reaches) shows a labelled placeholder instead.
 */
function Photo({ message }: { message: LineMessage }) {
  const [failed, setFailed] = useState(false);
  const src = s(message.previewImageUrl) || s(message.originalContentUrl);
  if (failed)
    return (
      <div className="bubble bubble-account photo-missing" title={src}>
        圖片（無法載入）
      </div>
    );
  return <img className="photo" src={src} alt="圖片" onError={() => setFailed(true)} />;
}

function TemplateActions({
  actions,
  onAction,
}: {
  actions: LineAction[];
  onAction: (a: LineAction) => void;
}) {
  return (
    <div className="tpl-actions">
      {actions.map((action, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: template actions have no identity but their place
        <button type="button" key={index} className="tpl-action" onClick={() => onAction(action)}>
          {action.label}
        </button>
      ))}
    </div>
  );
}

function TemplateColumn({
  column,
  onAction,
}: {
  column: Record<string, unknown>;
  onAction: (a: LineAction) => void;
}) {
  return (
    <div className="tpl-card">
      {typeof column.thumbnailImageUrl === 'string' && (
        <img className="tpl-thumb" src={column.thumbnailImageUrl} alt="" />
      )}
      <div className="tpl-text">
        {s(column.title) && <strong>{s(column.title)}</strong>}
        <p>{s(column.text)}</p>
      </div>
      <TemplateActions actions={(column.actions as LineAction[]) ?? []} onAction={onAction} />
    </div>
  );
}

function Template({
  template,
  onAction,
}: {
  template: Record<string, unknown>;
  onAction: (a: LineAction) => void;
}) {
  if (template.type === 'carousel' || template.type === 'image_carousel') {
    const columns = (template.columns as Record<string, unknown>[]) ?? [];
    return (
      <div className="fx-carousel">
        {columns.map((column, index) => {
          const action = column.action as LineAction;
          if (template.type === 'carousel') {
            // biome-ignore lint/suspicious/noArrayIndexKey: columns have no identity but their place
            return <TemplateColumn key={index} column={column} onAction={onAction} />;
          }
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns have no identity but their place
            <button type="button" key={index} className="tpl-image" onClick={() => onAction(action)}>
              <img src={s(column.imageUrl)} alt={action?.label ?? ''} />
            </button>
          );
        })}
      </div>
    );
  }
  return <TemplateColumn column={template} onAction={onAction} />;
}

/** One message the account sent, drawn as LINE draws it. */
export function AccountMessage({
  message,
  onAction,
  quote,
}: {
  message: LineMessage;
  onAction: (a: LineAction) => void;
  /** The quoted message, drawn at the top of the bubble (LINE quotes in text and sticker messages). */
  quote?: ReactNode;
}) {
  switch (message.type) {
    case 'text':
    case 'textV2':
      return (
        <div className="bubble bubble-account">
          {quote}
          {s(message.text)}
        </div>
      );
    case 'sticker':
      return (
        <>
          {quote && <div className="bubble bubble-account">{quote}</div>}
          <div className="sticker" title="貼圖">
            🧸 貼圖 {s(message.packageId)}/{s(message.stickerId)}
          </div>
        </>
      );
    case 'image':
      return <Photo message={message} />;
    case 'video':
      return (
        <div className="video">
          <img className="photo" src={s(message.previewImageUrl)} alt="影片" />
          <span>▶</span>
        </div>
      );
    case 'audio':
      return (
        <div className="bubble bubble-account">
          🎵 語音訊息 {Math.round(Number(message.duration) / 1000)} 秒
        </div>
      );
    case 'location':
      return (
        <div className="bubble bubble-account location">
          📍 <strong>{s(message.title)}</strong>
          <br />
          {s(message.address)}
        </div>
      );
    case 'imagemap':
      return <img className="photo" src={`${s(message.baseUrl)}/700`} alt={s(message.altText)} />;
    case 'template':
      return <Template template={message.template as Record<string, unknown>} onAction={onAction} />;
    case 'flex':
      return <FlexContents contents={message.contents as FlexNode} onAction={onAction} />;
    default:
      return <div className="bubble bubble-account">[{message.type}]</div>;
  }
}
