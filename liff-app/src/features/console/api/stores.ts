import type { StoreView } from '../../../../../bot/schemas/staff-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** GET /api/staff/stores: the stores this session may see. */
export const useStores = () => useResource(() => staffApi.get<StoreView[]>('/stores'), 'stores');

export interface StoreFields {
  code: string;
  name: string;
  address: string | null;
}

/** PATCH the store when there is one, else POST a new one (store.manage). */
export const saveStore = (store: StoreView | null, fields: StoreFields) =>
  store ? staffApi.patch(`/stores/${store.id}`, fields) : staffApi.post('/stores', fields);

/** Opens or closes a store: closed, nobody signs in there and members cannot choose it. */
export const setStoreActive = (store: StoreView, active: boolean) =>
  staffApi.patch(`/stores/${store.id}`, { active });
