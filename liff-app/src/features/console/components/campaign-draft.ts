import type { Campaign, CampaignBody, CampaignMessage } from '../api/campaigns.ts';

type Kind = CampaignMessage['kind'];
export type Words = { intro: string; title: string; text: string; buttonLabel: string };

/** A campaign as the composer holds it: every kind's words kept while the marketer switches kinds. */
export interface CampaignDraft {
  name: string;
  segmentId: string;
  kind: Kind;
  templateId: string;
  imageUrl: string;
  buttonUrl: string;
  zh: Words;
  en: Words;
  holdoutPercent: string;
  when: 'now' | 'later';
  /** A Taipei wall-clock time as `<input type="datetime-local">` holds it: 2026-12-24T18:00. */
  scheduledAt: string;
}

const TAIPEI = 8 * 3_600_000;

/** A moment as Taipei's wall clock, for a datetime-local input. */
export const taipeiClock = (iso: string) => new Date(Date.parse(iso) + TAIPEI).toISOString().slice(0, 16);
/** Taipei's wall clock as a moment (Taiwan keeps no summer time). */
export const fromTaipeiClock = (clock: string) =>
  clock ? new Date(Date.parse(`${clock}:00+08:00`)).toISOString() : null;

const blank: Words = { intro: '', title: '', text: '', buttonLabel: '' };
function wordsOf(message: CampaignMessage | undefined, lang: 'zh' | 'en'): Words {
  if (!message) return blank;
  const w = message[lang] as Partial<Record<keyof Words, string | null>>;
  return {
    intro: w.intro ?? '',
    title: w.title ?? '',
    text: w.text ?? '',
    buttonLabel: w.buttonLabel ?? '',
  };
}

/** The composer's start: a new campaign with the brand's holdout, or the draft as saved. */
export function campaignDraftOf(c: Campaign | null, holdoutPercent = 5): CampaignDraft {
  const m = c?.message;
  return {
    name: c?.name ?? '',
    segmentId: c?.segmentId ? String(c.segmentId) : '',
    kind: m?.kind ?? 'coupon',
    templateId: m?.kind === 'coupon' ? String(m.templateId) : '',
    imageUrl: m?.kind === 'announcement' ? (m.imageUrl ?? '') : '',
    buttonUrl: m?.kind === 'announcement' ? (m.buttonUrl ?? '') : '',
    zh: wordsOf(m, 'zh'),
    en: wordsOf(m, 'en'),
    holdoutPercent: String(c?.holdoutPercent ?? holdoutPercent),
    when: c?.scheduledAt ? 'later' : 'now',
    scheduledAt: c?.scheduledAt ? taipeiClock(c.scheduledAt) : '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s);
const number = (s: string) => (s.trim() === '' ? null : Number(s));

/** The message of a draft's kind, and only its fields. */
export function messageOf(d: CampaignDraft): CampaignMessage {
  switch (d.kind) {
    case 'coupon':
      return {
        kind: 'coupon',
        templateId: number(d.templateId) as number,
        zh: { intro: d.zh.intro },
        en: { intro: d.en.intro },
      };
    case 'announcement':
      return {
        kind: 'announcement',
        imageUrl: orNull(d.imageUrl),
        buttonUrl: orNull(d.buttonUrl),
        zh: { title: d.zh.title, text: d.zh.text, buttonLabel: orNull(d.zh.buttonLabel) },
        en: { title: d.en.title, text: d.en.text, buttonLabel: orNull(d.en.buttonLabel) },
      };
    case 'text':
      return { kind: 'text', zh: { text: d.zh.text }, en: { text: d.en.text } };
  }
}

/** The request body: no check of its own (ADR 25), the server answers field by field. */
export const campaignBodyOf = (d: CampaignDraft): CampaignBody => ({
  name: d.name,
  segmentId: number(d.segmentId),
  message: messageOf(d),
  holdoutPercent: number(d.holdoutPercent) as number,
  scheduledAt: d.when === 'later' ? fromTaipeiClock(d.scheduledAt) : null,
});
