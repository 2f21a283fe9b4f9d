import type { Static } from 'typebox';
import type {
  SegmentCountView,
  SegmentRule,
  SegmentView,
  TagView,
} from '../../../../../bot/schemas/segments-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** A saved segment as GET /api/staff/segments answers it, its rules typed as the domain's tree. */
export type Segment = Omit<Static<typeof SegmentView>, 'rules'> & { rules: SegmentRule };
export type SegmentCount = Static<typeof SegmentCountView>;
export type Tag = Static<typeof TagView>;

/** GET /api/staff/segments (segment.read). */
export const useSegments = () => useResource(() => staffApi.get<Segment[]>('/segments'), 'segments');

/** GET /api/staff/tags: what a tag condition chooses from. */
export const useTags = () => useResource(() => staffApi.get<Tag[]>('/tags'), 'tags');

/** POST /api/staff/segments/count: how many members the rules match now, and how many a push could reach. */
export const countSegment = (rules: SegmentRule) => staffApi.post<SegmentCount>('/segments/count', { rules });

/** PATCH the segment when there is one, else POST a new one (segment.edit, audited). */
export const saveSegment = (segment: Segment | null, body: { name: string; rules: SegmentRule }) =>
  segment
    ? staffApi.patch<Segment>(`/segments/${segment.id}`, body)
    : staffApi.post<Segment>('/segments', body);

/** DELETE a saved segment (segment.edit, audited). */
export const deleteSegment = (segment: Segment) => staffApi.delete(`/segments/${segment.id}`);
