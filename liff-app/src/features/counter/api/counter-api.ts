import type { Static } from 'typebox';
import type {
  CounterMember,
  LookupResult,
  ManagerApproval,
  PurchaseResult,
  RefundResult,
  TodaysPurchases,
} from '../../../../../bot/schemas/counter-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';

export type Member = Static<typeof CounterMember>;
/** The member found at the counter and the lookup a purchase pays with (its token, its proof). */
export type Found = Static<typeof LookupResult>;
/** A store manager's username and password, typed on this device to approve. */
export type Approval = Static<typeof ManagerApproval>;
export type Result = Static<typeof PurchaseResult>;
export type Today = Static<typeof TodaysPurchases>['purchases'];

export const counterApi = {
  lookup: (query: { code: string } | { phone: string } | { memberNumber: string }) =>
    staffApi.post<Found>('/members/lookup', query),
  approveLookup: (lookupToken: string, approval: Approval) =>
    staffApi.post<{ lookup: Pick<Found['lookup'], 'proof' | 'expiresAt'> }>('/members/lookup/approval', {
      lookupToken,
      approval,
    }),
  chooseStore: (storeId: number) => staffApi.post<void>('/counter/store', { storeId }),
  recordPurchase: (body: {
    lookupToken: string;
    price: number;
    redeemPoints: number;
    reference: string;
    idempotencyKey: string;
  }) => staffApi.post<Result>('/purchases', body),
  today: () => staffApi.get<Static<typeof TodaysPurchases>>('/purchases').then((answer) => answer.purchases),
  voidPurchase: (id: number, idempotencyKey: string, approval?: Approval) =>
    staffApi.post<Static<typeof RefundResult>>(`/purchases/${id}/void`, {
      idempotencyKey,
      ...(approval && { approval }),
    }),
  refund: (id: number, amount: number, idempotencyKey: string, approval?: Approval) =>
    staffApi.post<Static<typeof RefundResult>>(`/purchases/${id}/refund`, {
      amount,
      idempotencyKey,
      ...(approval && { approval }),
    }),
};
