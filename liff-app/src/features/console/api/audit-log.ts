import type { AuditPage } from '../../../../../bot/schemas/staff-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** GET /api/staff/audit: a page of the audit log, newest first, as `query` filters it. */
export const useAuditLog = (query: URLSearchParams) =>
  useResource(() => staffApi.get<AuditPage>(`/audit?${query}`), query.toString());
