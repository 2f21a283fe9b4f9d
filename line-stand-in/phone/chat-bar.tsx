import type { FormEvent, ReactNode } from 'react';

interface ChatBarProps {
  /** The rich menu's chat bar text, when the shopper has a rich menu. */
  chatBarText: string | null;
  /** `menu`: the chat bar text (and the menu when open); `keyboard`: the text field. */
  mode: 'menu' | 'keyboard';
  onMode: (mode: 'menu' | 'keyboard') => void;
  menuOpen: boolean;
  onMenuOpen: (open: boolean) => void;
  text: string;
  onText: (text: string) => void;
  onSend: (text: string) => void;
  blocked: boolean;
  onUnblock: () => void;
  /** Beside the text field: the photo, file and sticker buttons. */
  attach?: ReactNode;
}

/**
 * LINE's chat bar: with a rich menu, its chat bar text toggles the menu (▾ open, ▴ closed) and the
 * keyboard button switches to typing; without one, just the text field and 「傳送」.
 */
export function ChatBar(props: ChatBarProps) {
  const { chatBarText, mode, onMode, menuOpen, onMenuOpen, text, onText, onSend, blocked, onUnblock } = props;
  if (blocked) {
    return (
      <div className="chat-bar chat-bar-blocked">
        <span>你已封鎖此帳號</span>
        <button type="button" className="link" onClick={onUnblock}>
          解除封鎖
        </button>
      </div>
    );
  }
  if (chatBarText !== null && mode === 'menu') {
    return (
      <div className="chat-bar">
        <button type="button" className="icon" aria-label="鍵盤" onClick={() => onMode('keyboard')}>
          ⌨
        </button>
        <button
          type="button"
          className="chat-bar-text"
          aria-expanded={menuOpen}
          onClick={() => onMenuOpen(!menuOpen)}
        >
          {chatBarText} {menuOpen ? '▾' : '▴'}
        </button>
      </div>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onSend(text);
  };
  return (
    <form className="chat-bar" onSubmit={submit}>
      {chatBarText !== null && (
        <button type="button" className="icon" aria-label="選單" onClick={() => onMode('menu')}>
          ☰
        </button>
      )}
      {props.attach}
      <input
        className="chat-input"
        value={text}
        onChange={(event) => onText(event.target.value)}
        placeholder="輸入訊息"
        aria-label="訊息"
        maxLength={5000}
      />
      <button type="submit" className="send" disabled={!text.trim()}>
        傳送
      </button>
    </form>
  );
}
