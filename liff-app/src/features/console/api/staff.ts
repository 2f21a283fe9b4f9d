import type { StaffView } from '../../../../../bot/schemas/staff-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** GET /api/staff/staff: whom this session may see. */
export const useStaffList = () => useResource(() => staffApi.get<StaffView[]>('/staff'), 'staff');

/** PATCH the staff member when there is one, else POST a new one (staff.manage). */
export const saveStaff = (person: StaffView | null, body: Record<string, unknown>) =>
  person ? staffApi.patch(`/staff/${person.id}`, body) : staffApi.post('/staff', body);
