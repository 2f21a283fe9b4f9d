import type { api } from './api.ts';
import { liffTarget } from './liff-view.tsx';
import type { LineAction } from './line-types.ts';

/** What a tap can do to the page and to the stand-in. */
export interface ActionDeps {
  userId: string;
  liffUrl: string | null;
  api: Pick<typeof api, 'postback' | 'sendText' | 'sendImage' | 'sendLocation' | 'richMenus'>;
  /** Opens the LIFF view at this URL (the page adds the shopper's ID token). */
  openLiff: (url: string) => void;
  openUrl: (url: string) => void;
  /** Shows the date/time sheet for a datetimepicker action. */
  pickDateTime: (action: LineAction) => void;
  /** Shows another rich menu at once, as LINE's app does for richmenuswitch. */
  switchMenu: (richMenuId: string) => void;
  /** A postback's `inputOption` / `fillInText`: what the chat bar does after the tap. */
  chatBar: (change: { mode?: 'menu' | 'keyboard'; menuOpen?: boolean; text?: string }) => void;
  /** The displayText of a postback, kept by webhook event ID (LINE shows it; the event does not carry it). */
  rememberDisplayText: (webhookEventId: string, text: string) => void;
  notify: (text: string) => void;
}

type Delivery = { events?: { webhookEventId: string }[] } | null;

/** Does what LINE's app does when the shopper taps an action (https://developers.line.biz/en/reference/messaging-api/#action-objects). */
export async function runAction(action: LineAction, deps: ActionDeps): Promise<void> {
  const { userId } = deps;
  switch (action.type) {
    case 'postback': {
      const delivery = (await deps.api.postback(
        userId,
        action.data ?? '',
        undefined,
        action.displayText,
      )) as Delivery;
      const eventId = delivery?.events?.[0]?.webhookEventId;
      if (action.displayText && eventId) deps.rememberDisplayText(eventId, action.displayText);
      const option = action.inputOption;
      if (option === 'openRichMenu') deps.chatBar({ mode: 'menu', menuOpen: true });
      if (option === 'closeRichMenu') deps.chatBar({ menuOpen: false });
      if (option === 'openKeyboard' || option === 'openVoice')
        deps.chatBar({ mode: 'keyboard', ...(action.fillInText && { text: action.fillInText }) });
      return;
    }
    case 'message':
      await deps.api.sendText(userId, action.text ?? action.label ?? '');
      return;
    case 'uri': {
      const uri = action.uri ?? '';
      const liff = liffTarget(uri, deps.liffUrl);
      if (liff) deps.openLiff(liff);
      else if (/^https:\/\/liff\.line\.me\//.test(uri)) deps.notify('尚未設定 LIFF 網址(--liff-url)');
      else deps.openUrl(uri);
      return;
    }
    case 'datetimepicker':
      deps.pickDateTime(action);
      return;
    case 'richmenuswitch': {
      const alias = action.richMenuAliasId ?? '';
      const target = (await deps.api.richMenus()).aliases[alias];
      if (target) deps.switchMenu(target);
      else deps.notify(`找不到選單別名 ${alias}`);
      const status = target ? 'SUCCESS' : 'RICHMENU_ALIAS_ID_NOTFOUND';
      await deps.api.postback(userId, action.data ?? '', { newRichMenuAliasId: alias, status });
      return;
    }
    case 'camera':
    case 'cameraRoll':
      await deps.api.sendImage(userId);
      return;
    case 'location':
      await deps.api.sendLocation(userId);
      return;
    case 'clipboard':
      await navigator.clipboard?.writeText(action.clipboardText ?? '');
      deps.notify('已複製');
      return;
    default:
      deps.notify(`不支援的動作:${action.type}`);
  }
}
