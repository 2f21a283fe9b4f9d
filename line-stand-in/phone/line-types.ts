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
  unsend?: { messageId: string };
  follow?: { isUnblocked: boolean };
  /** A postback tap's `displayText`, shown in the chat as the shopper's words. */
  displayText?: string;
}

/**
 * One line of the chat: what the shopper did (`readAt` on messages: when the account marked it read), or what
 * the account sent (`quoteToken`: the one LINE answered for it, which a later message may quote).
 */
export type ChatEntry =
  | { from: 'shopper'; at: number; event: ShopperEvent; displayText?: string; readAt?: number | null }
  | { from: 'account'; at: number; message: LineMessage; via: string; quoteToken?: string };

/** The loading animation (`startedAt`, `endsAt` on the stand-in's clock `now`). */
export interface LoadingState {
  loading: { startedAt: number; endsAt: number } | null;
  now: number;
}

/** A sticker as the webhook's sticker message names it. */
export interface Sticker {
  packageId: string;
  stickerId: string;
  stickerResourceType: 'STATIC' | 'ANIMATION';
}

/** A photo or file the shopper picked, read into base64. */
export type Upload =
  | { type: 'image'; contentType: string; base64: string }
  | { type: 'file'; fileName: string; contentType: string; base64: string };

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
