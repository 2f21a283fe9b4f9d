import type { MemberView, ProfileUpdate } from '../../../../../bot/schemas/liff-api.ts';
import type { Api } from '../../../lib/api.ts';
import { CARD_CACHE_KEY } from '../../../lib/store-keys.ts';

/** PATCH /api/liff/members/me: 400 INVALID_FIELDS. */
export const updateProfile = (api: Api, update: ProfileUpdate) =>
  api.patch<MemberView>('/members/me', update);

/** GET /api/liff/members/me/export, saved as the JSON file the server names in content-disposition. */
export async function downloadMyData(api: Api) {
  const response = await api.request('GET', '/members/me/export');
  const filename =
    /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'member-data.json';
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return filename;
}

/** DELETE /api/liff/members/me, or POST .../unbind; the phone forgets the card either way. */
export async function leave(api: Api, how: 'delete' | 'unbind') {
  if (how === 'delete') await api.delete('/members/me');
  else await api.post('/members/me/unbind');
  localStorage.removeItem(CARD_CACHE_KEY);
}
