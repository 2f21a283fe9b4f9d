import type { Dashboard } from '../../../../../bot/schemas/dashboard-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

export type { Dashboard };

export interface DashboardQuery {
  from: string;
  to: string;
  storeId: number | null;
}

const pathOf = ({ from, to, storeId }: DashboardQuery) =>
  `/dashboard?from=${from}&to=${to}${storeId === null ? '' : `&storeId=${storeId}`}`;

/** GET /api/staff/dashboard?from=&to=&storeId= (dashboard.read): the figures over Taipei days, one store or all. */
export const useDashboard = (query: DashboardQuery) =>
  useResource(() => staffApi.get<Dashboard>(pathOf(query)), pathOf(query));
