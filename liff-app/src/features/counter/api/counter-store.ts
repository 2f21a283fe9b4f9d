import { staffApi } from '../../../lib/staff-api.ts';

/** The store this device records purchases at today, for staff who may work at several. */
export const chooseStore = (storeId: number) => staffApi.post<void>('/counter/store', { storeId });
