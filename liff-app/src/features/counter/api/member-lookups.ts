import type { Static } from 'typebox';
import type { CounterMember, LookupResult, ManagerApproval } from '../../../../../bot/schemas/counter-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';

export type Member = Static<typeof CounterMember>;
/** The member found at the counter and the lookup a purchase pays with (its token, its proof). */
export type Found = Static<typeof LookupResult>;
/** A store manager's username and password, typed on this device to approve. */
export type Approval = Static<typeof ManagerApproval>;

/** POST /api/staff/members/lookup: by the card's code (proof of presence), the phone or the member number. */
export const lookupMember = (query: { code: string } | { phone: string } | { memberNumber: string }) =>
  staffApi.post<Found>('/members/lookup', query);

/** A store manager approves a lookup without the card, so the member may pay with points. */
export const approveLookup = (lookupToken: string, approval: Approval) =>
  staffApi.post<{ lookup: Pick<Found['lookup'], 'proof' | 'expiresAt'> }>('/members/lookup/approval', {
    lookupToken,
    approval,
  });
