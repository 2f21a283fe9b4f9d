import { staffApi } from '../../../lib/staff-api.ts';
import type { MemberContext, MemberNote } from './types.ts';

/** GET /api/staff/chat/members/:memberId/context: what staff see beside the conversation. */
export const getMemberContext = (memberId: number) =>
  staffApi.get<MemberContext>(`/chat/members/${memberId}/context`);

/** POST /api/staff/members/:memberId/notes (member_note.edit, audited): the same requestId writes one note. */
export const addMemberNote = (memberId: number, body: { text: string; requestId: string }) =>
  staffApi.post<MemberNote>(`/members/${memberId}/notes`, body);

/** POST …/points-adjustments (points.adjust, audited): the same requestId adjusts once. */
export const adjustPoints = (memberId: number, body: { points: number; reason: string; requestId: string }) =>
  staffApi.post<{ balance: number }>(`/members/${memberId}/points-adjustments`, body);
