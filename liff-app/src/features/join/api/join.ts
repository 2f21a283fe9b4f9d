import type { ClaimRequest, JoinRequest, MemberView } from '../../../../../bot/schemas/liff-api.ts';
import type { Api } from '../../../lib/api.ts';

/** POST /api/liff/members: 400 INVALID_FIELDS, 409 PHONE_REGISTERED or ALREADY_MEMBER, 423 PHONE_LOCKED. */
export const join = (api: Api, request: JoinRequest) => api.post<MemberView>('/members', request);

/** POST /api/liff/members/claim: 400 CLAIM_MISMATCH (attemptsLeft), 423 CLAIM_LOCKED (lockedUntil). */
export const claim = (api: Api, request: ClaimRequest) => api.post<MemberView>('/members/claim', request);
