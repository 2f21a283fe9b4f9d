import type { ImportView } from '../../../../../bot/schemas/member-io-api.ts';
import { TOTAL_ROWS_HEADER } from '../../../../../bot/schemas/member-io-api.ts';
import { ApiRequestError, OfflineError } from '../../../lib/api-client.ts';
import { staffApi, staffSession } from '../../../lib/staff-api.ts';

export type { ImportView };

/** POST /api/staff/member-imports: the file itself is the body (text/csv), checked and previewed; nothing is made. */
export async function uploadImport(file: File): Promise<ImportView> {
  let response: Response;
  try {
    response = await fetch(`/api/staff/member-imports?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'x-csrf-token': staffSession.get()?.csrfToken ?? '' },
      body: await file.arrayBuffer(),
    });
  } catch {
    throw new OfflineError('No network');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => ({ code: `HTTP_${response.status}`, message: '' }));
    throw new ApiRequestError(response.status, body);
  }
  return (await response.json()) as ImportView;
}

export const runImport = (id: number) => staffApi.post<ImportView>(`/member-imports/${id}/run`, undefined);
export const getImport = (id: number) => staffApi.get<ImportView>(`/member-imports/${id}`);
export const errorReportUrl = (id: number) => `/api/staff/member-imports/${id}/errors.csv`;

/**
 * GET /api/staff/exports/<kind>.csv, read as it streams: `onRows` hears the rows received so far (line breaks;
 * a field with a line break in it counts once more, which a progress figure may) and the total the server counted.
 */
export async function downloadExport(
  kind: 'members' | 'points' | 'coupons',
  onRows: (received: number, total: number) => void,
): Promise<{ blob: Blob; rows: number }> {
  const response = await staffApi.request('GET', `/exports/${kind}.csv`);
  const total = Number(response.headers.get(TOTAL_ROWS_HEADER)) || 0;
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    for (const byte of value) if (byte === 10) lines++;
    onRows(Math.max(lines - 1, 0), total);
  }
  return { blob: new Blob(parts as BlobPart[], { type: 'text/csv' }), rows: Math.max(lines - 1, 0) };
}
