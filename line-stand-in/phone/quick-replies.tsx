import type { LineAction, QuickReplyItem } from './line-types.ts';

const DEFAULT_LABELS: Record<string, string> = { camera: '相機', cameraRoll: '相簿', location: '位置資訊' };
const DEFAULT_ICONS: Record<string, string> = { camera: '📷', cameraRoll: '🖼️', location: '📍' };

/** The quick reply buttons of the last message, above the chat bar, until the shopper does something. */
export function QuickReplies({
  items,
  onAction,
}: {
  items: QuickReplyItem[];
  onAction: (a: LineAction) => void;
}) {
  if (items.length === 0) return null;
  return (
    <nav className="quick-replies" aria-label="快速回覆">
      {items.map((item, index) => (
        <button
          type="button"
          // biome-ignore lint/suspicious/noArrayIndexKey: quick reply items have no identity but their place
          key={index}
          className="quick-reply"
          onClick={() => onAction(item.action)}
        >
          {item.imageUrl ? (
            <img src={item.imageUrl} alt="" />
          ) : (
            DEFAULT_ICONS[item.action.type] && (
              <span aria-hidden="true">{DEFAULT_ICONS[item.action.type]}</span>
            )
          )}
          {item.action.label ?? DEFAULT_LABELS[item.action.type] ?? item.action.type}
        </button>
      ))}
    </nav>
  );
}
