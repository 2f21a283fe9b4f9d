/** The LINE objects the phone page draws, loosely typed: it shows whatever the product sent. */

export interface LineAction {
  type: string;
  label?: string;
  data?: string;
  displayText?: string;
  text?: string;
  uri?: string;
  mode?: 'date' | 'time' | 'datetime';
  initial?: string;
  max?: string;
  min?: string;
  richMenuAliasId?: string;
  inputOption?: 'closeRichMenu' | 'openRichMenu' | 'openKeyboard' | 'openVoice';
  fillInText?: string;
  clipboardText?: string;
}

/** Any Flex component or container (bubble, carousel, box, text, image, button...). */
export interface FlexNode {
  type: string;
  [property: string]: unknown;
}

export interface QuickReplyItem {
  type: 'action';
  imageUrl?: string;
  action: LineAction;
}

export interface LineMessage {
  type: string;
  quickReply?: { items: QuickReplyItem[] };
  sender?: { name?: string; iconUrl?: string };
  [property: string]: unknown;
}

export interface Shopper {
  userId: string;
  displayName: string;
  pictureUrl: string;
  language: string;
  friendship: 'stranger' | 'friend' | 'blocked';
}

export interface ShopperEvent {
  type: string;
  timestamp: number;
  webhookEventId: string;
  message?: LineMessage & { text?: string };
  postback?: { data: string; params?: Record<string, string> };
  follow?: { isUnblocked: boolean };
  /** A postback tap's `displayText`, shown in the chat as the shopper's words. */
  displayText?: string;
}

/** One line of the chat: what the shopper did, or what the account sent. */
export type ChatEntry =
  | { from: 'shopper'; at: number; event: ShopperEvent; displayText?: string }
  | { from: 'account'; at: number; message: LineMessage; via: string };

export interface RichMenuArea {
  bounds: { x: number; y: number; width: number; height: number };
  action: LineAction;
}

export interface RichMenu {
  richMenuId: string;
  size: { width: number; height: number };
  selected: boolean;
  name: string;
  chatBarText: string;
  areas: RichMenuArea[];
}

export interface ShownRichMenu {
  richMenuId: string | null;
  richMenu: RichMenu | null;
  imageUrl: string | null;
}

export interface PhoneConfig {
  liffUrl: string | null;
  botName?: string;
  loginChannelId: string;
}
