import { roleMessages } from '../../../components/staff-messages.ts';
import { formatDateTime, formatMoney } from '../../../lib/format.ts';
import { tierName } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { auditFieldMessages, auditValueMessages } from './audit-words.ts';
import { dayNames, pointsMessages } from './points-messages.ts';

/** Who and where the ids in an entry name, as far as this session may see them. */
export interface AuditNames {
  staff: (id: number) => string;
  store: (id: number) => string;
}

/** Nothing a reader needs: the row's own id, the request's key, the bookkeeping times. */
const unshown = new Set(['id', 'idempotencyKey', 'createdAt', 'updatedAt', 'claimCodeId', 'purchaseId']);
const money = new Set([
  'amount',
  'discount',
  'refundedAmount',
  'minAmount',
  'spendPerPoint',
  'pointValue',
  'couponDiscount',
  'amountOff',
  'maxDiscount',
  'minSpend',
  'discountBudget',
  'confirmedCost',
  'monthlyBudget',
  'price',
]);
const times = new Set([
  'lockedUntil',
  'expiresAt',
  'occurredAt',
  'startsAt',
  'endsAt',
  'validFrom',
  'validUntil',
  'scheduledAt',
]);
const people = new Set(['staffId', 'clerkId', 'approvedBy', 'assigneeId']);
const coded = new Set([
  'channel',
  'status',
  'proof',
  'by',
  'reason',
  'action',
  'expiry',
  'kind',
  'autoIssue',
  'autoIssueTier',
  'mode',
  'match',
]);
const percents = new Set(['maxRedeemPercent', 'percentOff', 'lotteryWinPercent']);
const ids = new Set(['memberId', 'earnRules', 'templateId', 'couponId', 'tagId', 'segmentId']);

type Words = Record<string, string>;

/** One value of a field in words: names for ids, NT$ for money, Taipei times, 是／否, codes as words. */
function useValueInWords(names: AuditNames) {
  const v = useStore(auditValueMessages);
  const codes = v as unknown as Words;
  const roles = useStore(roleMessages) as unknown as Words;
  const days = dayNames(useStore(pointsMessages));
  const list = (values: unknown[]) => (values.length === 0 ? v.none : values.join(v.separator));
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined) return field === 'weekdays' ? v.everyDay : '—';
    if (typeof value === 'boolean') return value ? v.yes : v.no;
    if (field === 'storeId' && typeof value === 'number') return names.store(value);
    if (field === 'storeIds' && Array.isArray(value)) return list(value.map((id) => names.store(id)));
    if (people.has(field) && typeof value === 'number') return names.staff(value);
    if (ids.has(field)) return Array.isArray(value) ? list(value.map((id) => `#${id}`)) : `#${value}`;
    if (field === 'channels' && Array.isArray(value)) return list(value.map((c) => codes[c] ?? c));
    // The coupons a purchase used or a refund gave back: each code with the NT$ it took off.
    if ((field === 'coupons' || field === 'couponsReturned') && Array.isArray(value))
      return list(
        (value as { code: string; discount: number }[]).map(
          (coupon) => `${coupon.code} (${formatMoney(coupon.discount)})`,
        ),
      );
    if (field === 'weekdays' && Array.isArray(value)) return list(value.map((d) => days[d]));
    if (field === 'role') return roles[String(value)] ?? String(value);
    if (coded.has(field)) return codes[String(value)] ?? String(value);
    if (money.has(field) && typeof value === 'number') return formatMoney(value);
    if (field === 'multiplierPercent' && typeof value === 'number') return `${value / 100}x`;
    if (percents.has(field)) return `${value}%`;
    if (times.has(field) && typeof value === 'string') return formatDateTime(value);
    if (field === 'tierChange' && typeof value === 'object') {
      const change = value as {
        from: { name: string; nameEn: string };
        to: { name: string; nameEn: string };
      };
      return `${tierName(change.from)} → ${tierName(change.to)}`;
    }
    // A campaign's message: its kind and its zh-TW words (the English variant is in the campaign itself).
    if (field === 'message' && typeof value === 'object' && 'kind' in value) {
      const message = value as { kind: string; templateId?: number; zh?: Record<string, string | null> };
      const words =
        message.zh?.title || message.zh?.text || message.zh?.intro || `#${message.templateId ?? ''}`;
      return v.message({ kind: codes[`message_${message.kind}`] ?? message.kind, words });
    }
    // The chat's keyword replies and business hours (bot/domain/chat/chat-rules-admin.ts, settings.ts).
    if (field === 'keywords' && Array.isArray(value)) return list(value);
    if (field === 'reply' && typeof value === 'object' && 'kind' in value) {
      const reply = value as { kind: string; zh?: string };
      return reply.kind === 'text' ? `「${reply.zh}」` : (codes[`reply_${reply.kind}`] ?? reply.kind);
    }
    if (field === 'hours' && Array.isArray(value))
      return list(
        (value as { storeId: number | null; weekday: number; opens: string; closes: string }[]).map(
          (h) =>
            `${h.storeId === null ? v.brandHours : names.store(h.storeId)} ${days[h.weekday]} ${h.opens}–${h.closes}`,
        ),
      );
    if (field === 'refund' && typeof value === 'object' && 'amount' in value) {
      return formatMoney(Number((value as { amount: number }).amount));
    }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
}

/** Left out of what a new thing holds: nothing, no rules, nothing discounted or refunded (points earned stay). */
const blank = (field: string, value: unknown) =>
  value === null ||
  value === undefined ||
  (Array.isArray(value) && value.length === 0) ||
  (value === 0 && field !== 'pointsEarned');

/**
 * Before → after, field by field in words: what changed when there is a before (a field new in the after shown
 * alone), else what there is, its empty fields left out.
 */
export function Change({ before, after, names }: { before: unknown; after: unknown; names: AuditNames }) {
  const labels = useStore(auditFieldMessages) as unknown as Words;
  const inWords = useValueInWords(names);
  const was = (before ?? {}) as Record<string, unknown>;
  const is = (after ?? {}) as Record<string, unknown>;
  const fresh = before === null || before === undefined;
  const fields = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter(
    (field) =>
      !unshown.has(field) &&
      (fresh
        ? !blank(field, is[field])
        : JSON.stringify(was[field] ?? null) !== JSON.stringify(is[field] ?? null)),
  );
  if (fields.length === 0) return <>—</>;
  return (
    <ul className="change">
      {fields.map((field) => (
        <li key={field}>
          <strong>{labels[field] ?? field}</strong>{' '}
          {!fresh && field in was && `${inWords(field, was[field])} → `}
          {inWords(field, is[field])}
        </li>
      ))}
    </ul>
  );
}
