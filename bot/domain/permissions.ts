import type { Actor } from './actor.ts';
import { DomainError } from './errors.ts';
import type { StaffRole } from './staff.ts';

/**
 * Who may do what: the one place that decides (ADR 0019). Routes ask it before they read a body, the domain
 * functions that change money, staff, stores or the points rules ask it again (a script or a POS API calls them
 * without a route), and the console and the clerk page get the session's actions from it instead of testing roles.
 * Nothing here touches the database: the pages share the action names through bot/schemas/staff-api.ts.
 */
export const ACTIONS = [
  /** At the counter: find a member, record a purchase that earns points, list the day's purchases. */
  'purchase.record',
  /** Pay part of a purchase with the member's points. */
  'points.redeem',
  /** Approve, on the clerk's device, that a member without their card pays with points. */
  'points.approve_without_card',
  /** Cancel a whole purchase on its day; the points follow. */
  'purchase.void',
  /** Give back part or all of what was paid; the points follow. */
  'purchase.refund',
  /** Issue the one-time code that lets an in-store member claim their membership in LINE. */
  'claim_code.issue',
  /** See the brand's open stores (every staff member). */
  'store.read',
  /** Open, change, close and reopen stores, and see the closed ones. */
  'store.manage',
  /** See staff accounts: everyone for admins, those of their own stores for store managers. */
  'staff.read',
  /** Create staff accounts, change their role, stores and passwords, lift lockouts. */
  'staff.manage',
  'points_rules.read',
  'points_rules.edit',
  'audit.read',
  /** How many notices LINE refused this month for the message quota. */
  'line_delivery.read',
  /** See the coupon templates. */
  'coupon_template.read',
  /** Create and change coupon templates (ADR 0026). */
  'coupon_template.edit',
  /** Give a member a coupon from a template, at the counter or in the console. */
  'coupon.give',
  /** Void a member's unused coupon; one bought with points gives them back (ADR 0026). */
  'coupon.void',
  /** Count members by segment rules and see saved segments and tags (ADR 0028). */
  'segment.read',
  /** Save, change and delete segments, and create tags. */
  'segment.edit',
  /** Put a manual tag on a member or take it off: store managers for their stores' members. */
  'member_tag.edit',
  /** See campaigns, their preview, their estimated cost and their progress (ADR 0030). */
  'campaign.read',
  /** Write and change draft campaigns. */
  'campaign.edit',
  /** Start, pause, resume and cancel a campaign: what spends the brand's messages (ADR 0030). */
  'campaign.send',
  /** See how a campaign did: clicks, coupons, recipients' sales against the holdout, unfollows (issue 14). */
  'campaign.results',
  /** Change the brand's marketing rules: weekly limit, quiet hours, holdout, budget, LINE plan. */
  'marketing_settings.edit',
  /** See the 1:1 chat inbox: store staff the conversations of their stores' members, marketers none, admins all. */
  'chat.read',
  /** Answer a conversation, mark it read, assign it, change its status and mode. */
  'chat.reply',
  /** Write a note on a member (beside the chat, on the member's page). */
  'member_note.edit',
  /**
   * Give or take a member's points with a reason: an audited adjustment in the ledger (store managers for their
   * stores' members; marketers and admins, who work across stores, for anyone: issue 16's marketer adjusts).
   */
  'points.adjust',
  /** Edit the chat's keyword auto-replies and the canned replies. */
  'chat_rules.edit',
  /** Edit business hours (the brand's and the stores'), the away and "we will reply soon" texts, the retention. */
  'chat_settings.edit',
  /** Find members and open a member's page (store managers: members of their stores). */
  'member.read',
  /** Fix a member's record: name, phone, birthday, home store (audited). */
  'member.edit',
  /** Hand a member their personal data, or erase it, on their request at the counter or by mail (PDPA). */
  'member.personal_data',
  /**
   * Import offline members from a CSV file (marketers and admins: issue 16's marketer brings in the shops' members;
   * the preview and error report show only the file's own rows, and the members then read as member.read allows).
   */
  'member.import',
  /** Export members, points and coupons as CSV. */
  'member.export',
  /** See the programme's dashboard: members, points liability, coupons, campaigns, sales by channel and store. */
  'dashboard.read',
  /** Switch the automated journeys on or off and set their message, coupon and delay. */
  'journey.edit',
] as const;
export type Action = (typeof ACTIONS)[number];

const counter: Action[] = [
  'store.read',
  'purchase.record',
  'points.redeem',
  'claim_code.issue',
  'coupon.give',
  'chat.read',
  'chat.reply',
  'member_note.edit',
];

/** The role × action table of ADR 0019. */
const granted: Record<StaffRole, ReadonlySet<Action>> = {
  clerk: new Set(counter),
  store_manager: new Set([
    ...counter,
    'points.approve_without_card',
    'purchase.void',
    'purchase.refund',
    'staff.read',
    'coupon_template.read',
    'coupon.void',
    'segment.read',
    'member_tag.edit',
    'campaign.read',
    'points.adjust',
    'member.read',
    'member.edit',
    'member.personal_data',
  ]),
  marketer: new Set([
    'store.read',
    'points_rules.read',
    'line_delivery.read',
    'coupon_template.read',
    'coupon_template.edit',
    'segment.read',
    'segment.edit',
    'member_tag.edit',
    'campaign.read',
    'campaign.edit',
    'campaign.send',
    'campaign.results',
    'chat_rules.edit',
    'points.adjust',
    'member.read',
    'member.import',
    'dashboard.read',
    'journey.edit',
  ]),
  admin: new Set(ACTIONS),
};

/** Who asks: a staff member's role and the stores they work in ('all' for marketers and admins). */
export interface Permitted {
  role: StaffRole;
  storeIds: readonly number[] | 'all';
}

/**
 * True when `who` may do `action`; with `resource`, only in its store (a purchase's store, a store to work at).
 * A resource of no store (an online purchase) is for those who work in every store.
 */
export function can(who: Permitted, action: Action, resource?: { storeId: number | null }): boolean {
  if (!granted[who.role].has(action)) return false;
  if (resource === undefined || who.storeIds === 'all') return true;
  return resource.storeId !== null && who.storeIds.includes(resource.storeId);
}

/** Every action `who` may do somewhere: what GET /api/staff/session hands the pages. */
export const actionsOf = (who: Permitted): Action[] => ACTIONS.filter((action) => can(who, action));

/**
 * For the domain functions: throws FORBIDDEN unless the actor may. The command line's operator (`commandLine`,
 * who holds the database anyway) may do everything; an actor that says nothing of what it may do may do nothing.
 */
export function ensureCan(actor: Actor, action: Action, resource?: { storeId: number | null }): void {
  const may = actor.may;
  if (may === 'everything' || (may !== undefined && can(may, action, resource))) return;
  throw new DomainError('FORBIDDEN', '您的角色無法進行這項操作', { action });
}
