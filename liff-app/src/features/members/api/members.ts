import type {
  MemberDetail,
  MemberFilterResult,
  MemberFix,
  MemberSearchResult,
  PointsHistoryPage,
  PurchasesPage,
} from '../../../../../bot/schemas/members-api.ts';
import type { SegmentRule } from '../../../../../bot/schemas/segments-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

export type { MemberDetail, MemberFix, MemberSearchResult, PointsHistoryPage, PurchasesPage, SegmentRule };
export type MemberRow = MemberSearchResult['members'][number];

/** GET /api/staff/members?q=&offset=: by phone (or its last digits), name, member number or card code. */
export const searchMembers = (q: string, offset = 0) =>
  staffApi.get<MemberSearchResult>(`/members?q=${encodeURIComponent(q)}&offset=${offset}`);

/** POST /api/staff/members/filter: the members a segment's rules match, past the id `after`. */
export const filterMembers = (rules: SegmentRule, after?: number) =>
  staffApi.post<MemberFilterResult>('/members/filter', after ? { rules, after } : { rules });

/** GET /api/staff/members/:id, reloaded after each change on the page. */
export const useMember = (id: number) =>
  useResource(() => staffApi.get<MemberDetail>(`/members/${id}`), `member-${id}`);

export const olderPoints = (id: number, before: number) =>
  staffApi.get<PointsHistoryPage>(`/members/${id}/points?before=${before}`);
export const olderPurchases = (id: number, before: number) =>
  staffApi.get<PurchasesPage>(`/members/${id}/purchases?before=${before}`);

/** PATCH /api/staff/members/:id: the fields that changed. */
export const fixMember = (id: number, fix: MemberFix) =>
  staffApi.patch<{ changed: string[] }>(`/members/${id}`, fix);

/** GET /api/staff/members/:id/personal-data: the JSON the member would download. */
export const personalDataOf = (id: number) =>
  staffApi.get<Record<string, unknown>>(`/members/${id}/personal-data`);

/** POST /api/staff/members/:id/erase, confirmed with the member number. */
export const eraseMember = (id: number, confirm: string) =>
  staffApi.post<unknown>(`/members/${id}/erase`, { confirm });

/** The brand's tags (to put a manual one on the member), and putting one on or taking it off. */
export const useTagChoices = () =>
  useResource(() => staffApi.get<{ id: number; name: string; kind: string }[]>('/tags'), 'member-tags');
export const tagMember = (id: number, tagId: number) =>
  staffApi.post<{ changed: boolean }>(`/members/${id}/tags/${tagId}`, undefined);
export const untagMember = (id: number, tagId: number) => staffApi.delete(`/members/${id}/tags/${tagId}`);
