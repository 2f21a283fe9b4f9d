import type { Static } from 'typebox';
import type {
  CounterMember,
  LookupResult,
  ManagerApproval,
  PurchaseResult,
  RefundResult,
  TodaysPurchases,
} from '../../../bot/schemas/checkout-api.ts';
import { StaffApiError, StaffOfflineError, staffApi } from '../staff/api/staff-api.ts';
import { clerkErrors } from './messages.ts';

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
  checkout: (body: {
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

/** What to tell the clerk about a failed request, in their language; field problems by field. */
export function problemOf(error: unknown): { message: string; fields: Record<string, string> } {
  const t = clerkErrors.get() as Record<string, unknown>;
  const say = (code: string, details: Record<string, unknown> = {}) => {
    const text = t[code];
    return typeof text === 'function'
      ? String(text(details))
      : typeof text === 'string'
        ? text
        : String(t.failed);
  };
  if (error instanceof StaffOfflineError) return { message: say('offline'), fields: {} };
  if (!(error instanceof StaffApiError)) return { message: say('failed'), fields: {} };
  const body = error.body as unknown as Record<string, unknown> & {
    code: string;
    fields?: Record<string, string>;
  };
  if (body.code === 'INVALID_FIELDS' && body.fields) {
    const fields = Object.fromEntries(Object.entries(body.fields).map(([field, code]) => [field, say(code)]));
    return { message: Object.values(fields)[0] ?? say('failed'), fields };
  }
  return { message: say(body.code, body), fields: {} };
}
