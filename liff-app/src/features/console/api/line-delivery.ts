import type { LineDelivery } from '../../../../../bot/schemas/staff-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';

/** GET /api/staff/line-delivery: how member notices fared against LINE's monthly quota. */
export const getLineDelivery = () => staffApi.get<LineDelivery>('/line-delivery');
