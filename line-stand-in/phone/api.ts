import type {
  ChatEntry,
  LoadingState,
  PhoneConfig,
  RichMenu,
  Shopper,
  ShownRichMenu,
  Sticker,
  Upload,
} from './line-types.ts';

/**
 * The stand-in's control API. The page is served by the stand-in itself (`/_stand-in/phone/`), so the API
 * is same-origin; `?api=http://127.0.0.1:PORT` points a page served elsewhere (Vite's dev server) at one.
 */
export const apiOrigin =
  typeof location === 'undefined' ? '' : (new URLSearchParams(location.search).get('api') ?? '');
const base = `${apiOrigin}/_stand-in`;

/** An address the control API answers with (`/_stand-in/...`), made absolute for this page. */
export const controlUrl = (path: string) => `${apiOrigin}${path}`;

async function call<T>(method: string, path: string, body?: object): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    ...(body && { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const answer = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new Error(answer?.message ?? `${method} ${path}: ${response.status}`);
  return answer as T;
}

const user = (userId: string) => `/shoppers/${encodeURIComponent(userId)}`;

/** Where the page loads a photo or file a shopper sent (the data host needs the channel's token). */
export const contentUrl = (messageId: string) => `${base}/contents/${encodeURIComponent(messageId)}`;

export const api = {
  config: () => call<PhoneConfig>('GET', '/config'),
  shoppers: () => call<Shopper[]>('GET', '/shoppers'),
  shopper: (userId: string) => call<Shopper>('GET', user(userId)),
  createShopper: (displayName?: string) =>
    call<Shopper>('POST', '/shoppers', displayName ? { displayName } : {}),
  friendship: (userId: string, action: 'follow' | 'block' | 'unblock') =>
    call<unknown>('POST', `${user(userId)}/${action}`),
  sendText: (userId: string, text: string) =>
    call<unknown>('POST', `${user(userId)}/messages`, { type: 'text', text }),
  sendImage: (userId: string) => call<unknown>('POST', `${user(userId)}/messages`, { type: 'image' }),
  sendSticker: (userId: string, sticker: Sticker) =>
    call<unknown>('POST', `${user(userId)}/messages`, { type: 'sticker', ...sticker }),
  /** A photo (as an image message) or any other file (as a file message), its bytes in base64. */
  sendUpload: (userId: string, upload: Upload) =>
    call<unknown>(
      'POST',
      `${user(userId)}/messages`,
      upload.type === 'image'
        ? { type: 'image', contentType: upload.contentType, base64: upload.base64 }
        : upload,
    ),
  /** The loading animation the shopper sees now, if any, and the stand-in's clock. */
  loading: (userId: string) => call<LoadingState>('GET', `${user(userId)}/loading`),
  sendLocation: (userId: string) =>
    call<unknown>('POST', `${user(userId)}/messages`, {
      type: 'location',
      title: '台北101',
      address: '台北市信義區信義路五段7號',
      latitude: 25.033964,
      longitude: 121.564468,
    }),
  postback: (userId: string, data: string, params?: Record<string, string>, displayText?: string) =>
    call<unknown>('POST', `${user(userId)}/postbacks`, {
      data,
      ...(params && { params }),
      ...(displayText && { displayText }),
    }),
  idToken: async (userId: string) =>
    (await call<{ idToken: string }>('POST', `${user(userId)}/id-tokens`, {})).idToken,
  richMenuOf: (userId: string) => call<ShownRichMenu>('GET', `${user(userId)}/rich-menu`),
  richMenus: () =>
    call<{ aliases: Record<string, string>; richMenus: (RichMenu & { imageUrl: string | null })[] }>(
      'GET',
      '/rich-menus',
    ),
  /** What the shopper sent and what the account sent them, oldest first. */
  chat: (userId: string) => call<ChatEntry[]>('GET', `${user(userId)}/chat`),
};
