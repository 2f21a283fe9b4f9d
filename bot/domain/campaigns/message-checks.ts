// A campaign's message checked field by field before it is saved (ADR 0030): each problem is named by its path
// (`message.en.title`) with a code the console words in zh-TW, within LINE's limits for text and Flex messages
// (https://developers.line.biz/en/reference/messaging-api/#message-objects), so LINE's own check in the preview
// rarely has anything left to refuse.
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';

type Problems = Record<string, string>;

/** LINE: a text message up to 5,000 characters; a Flex text has no own limit, the bubble 30 KB: kept short. */
const LIMITS = { text: 5_000, intro: 1_000, title: 40, body: 1_000, label: 20, imageUrl: 2_000, uri: 1_000 };
const KEYS = {
  text: { top: ['kind', 'zh', 'en'], words: ['text'] },
  announcement: {
    top: ['kind', 'imageUrl', 'zh', 'en', 'buttonUrl'],
    words: ['title', 'text', 'buttonLabel'],
  },
  coupon: { top: ['kind', 'templateId', 'zh', 'en'], words: ['intro'] },
} as const;

const letters = (v: string) => [...v].length;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const https = (v: unknown, max: number) => {
  if (typeof v !== 'string' || v.length > max) return false;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' && url.hostname.length > 0;
  } catch {
    return false;
  }
};

function wordsProblem(v: unknown, min: number, max: number): string | null {
  if (typeof v !== 'string') return 'REQUIRED';
  if (letters(v.trim()) < min) return 'REQUIRED';
  return letters(v) > max ? 'TOO_LONG' : null;
}

function unknownKeys(
  value: Record<string, unknown>,
  allowed: readonly string[],
  at: string,
  problems: Problems,
) {
  for (const key of Object.keys(value))
    if (!allowed.includes(key)) problems[`${at}.${key}`] = 'UNKNOWN_FIELD';
}

/** One language's words of an announcement, text or coupon intro. */
function languageProblems(kind: CampaignMessage['kind'], words: unknown, at: string, problems: Problems) {
  if (!isObject(words)) {
    problems[at] = 'REQUIRED';
    return;
  }
  unknownKeys(words, KEYS[kind].words, at, problems);
  const check = (key: string, min: number, max: number) => {
    const problem = wordsProblem(words[key], min, max);
    if (problem) problems[`${at}.${key}`] = problem;
  };
  if (kind === 'text') check('text', 1, LIMITS.text);
  if (kind === 'coupon') check('intro', 0, LIMITS.intro);
  if (kind === 'announcement') {
    check('title', 1, LIMITS.title);
    check('text', 1, LIMITS.body);
    if (words.buttonLabel != null) check('buttonLabel', 1, LIMITS.label);
  }
}

/** The announcement's links: https only, and a button has both its label (each language) and its URL. */
function linkProblems(m: Record<string, unknown>, problems: Problems) {
  if (m.imageUrl != null && !https(m.imageUrl, LIMITS.imageUrl)) problems['message.imageUrl'] = 'URL_INVALID';
  if (m.buttonUrl != null && !https(m.buttonUrl, LIMITS.uri)) problems['message.buttonUrl'] = 'URL_INVALID';
  const labelled = [m.zh, m.en].filter((w) => isObject(w) && w.buttonLabel != null).length;
  if (labelled === 1 || (labelled === 2) !== (m.buttonUrl != null))
    problems['message.buttonUrl'] ??= 'BUTTON_INCOMPLETE';
}

/**
 * The problems of a message, by path (empty when it is sound). The coupon's template is checked by the caller
 * against the database (it must exist, be claimable and active).
 */
export function messageProblems(m: unknown): Problems {
  const problems: Problems = {};
  if (!isObject(m)) return { message: 'REQUIRED' };
  if (m.kind !== 'text' && m.kind !== 'announcement' && m.kind !== 'coupon')
    return { 'message.kind': 'KIND_INVALID' };
  unknownKeys(m, KEYS[m.kind].top, 'message', problems);
  languageProblems(m.kind, m.zh, 'message.zh', problems);
  languageProblems(m.kind, m.en, 'message.en', problems);
  if (m.kind === 'announcement') linkProblems(m, problems);
  if (m.kind === 'coupon' && !(Number.isInteger(m.templateId) && (m.templateId as number) > 0))
    problems['message.templateId'] = 'ID_INVALID';
  return problems;
}
