import type { SessionResponse, StaffAction } from '../../../../bot/schemas/staff-api.ts';
import { BrandMark } from '../../components/brand-mark.tsx';
import { LanguageSwitch } from '../../components/language-switch.tsx';
import { StaffGate, signOutOf } from '../../components/staff-gate.tsx';
import { roleMessages } from '../../components/staff-messages.ts';
import { AuditPage } from '../../features/console/components/audit-page.tsx';
import { CampaignsPage } from '../../features/console/components/campaigns-page.tsx';
import { ChatSettingsPage } from '../../features/console/components/chat-settings-page.tsx';
import { CouponsPage } from '../../features/console/components/coupons-page.tsx';
import { JourneysPage } from '../../features/console/components/journeys-page.tsx';
import { MarketingSettingsPage } from '../../features/console/components/marketing-settings-page.tsx';
import { PointsPage } from '../../features/console/components/points-page.tsx';
import { QuotaWarning } from '../../features/console/components/quota-warning.tsx';
import { SegmentsPage } from '../../features/console/components/segments-page.tsx';
import { StaffPage } from '../../features/console/components/staff-page.tsx';
import { StoresPage } from '../../features/console/components/stores-page.tsx';
import { MemberIoPage } from '../../features/member-io/components/member-io-page.tsx';
import { params } from '../../lib/i18n.ts';
import { staffSession } from '../../lib/staff-api.ts';
import { staffI18n } from '../../lib/staff-i18n.ts';
import { useStore } from '../../lib/use-store.ts';
import { ChatRoute } from './chat-route.tsx';
import { DashboardRoute } from './dashboard-route.tsx';
import { MembersRoute } from './members-route.tsx';
import {
  type ConsolePage,
  consolePages,
  goTo,
  showCampaign,
  showResults,
  useCampaignOf,
  useConsolePage,
  useResultsOf,
} from './router.ts';

export const consoleMessages = staffI18n('staffConsole', {
  title: '員工後台',
  dashboard: '儀表板',
  stores: '門市',
  members: '會員',
  chat: '對話',
  'chat-settings': '聊天設定',
  staff: '員工',
  points: '點數規則',
  coupons: '優惠券',
  segments: '分眾',
  campaigns: '行銷活動',
  journeys: '自動旅程',
  marketing: '行銷設定',
  'member-io': '匯入匯出',
  audit: '操作紀錄',
  signOut: '登出',
  allStores: '所有門市',
  who: params('{name}・{role}・{store}'),
});

/** The actions that open each page, any of them (bot/domain/permissions.ts); the session says which one has. */
const pageAction: Record<ConsolePage, StaffAction | StaffAction[]> = {
  dashboard: 'dashboard.read',
  stores: 'store.read',
  members: 'member.read',
  chat: 'chat.read',
  'chat-settings': 'chat_rules.edit',
  staff: 'staff.read',
  points: 'points_rules.read',
  coupons: 'coupon_template.read',
  segments: 'segment.read',
  campaigns: 'campaign.read',
  journeys: 'campaign.read',
  marketing: 'marketing_settings.edit',
  'member-io': ['member.import', 'member.export'],
  audit: 'audit.read',
};
const pagesFor = (session: SessionResponse): ConsolePage[] =>
  consolePages.filter((page) => [pageAction[page]].flat().some((a) => session.actions.includes(a)));

function Console({ session }: { session: SessionResponse }) {
  const t = useStore(consoleMessages);
  const roles = useStore(roleMessages);
  const wanted = useConsolePage();
  const resultsOf = useResultsOf();
  const campaignOf = useCampaignOf();
  const pages = pagesFor(session);
  // Marketers and admins land on the dashboard, their home (issue 16); the others on the stores, as before.
  const page = wanted !== null && pages.includes(wanted) ? wanted : (pages[0] ?? 'stores');
  return (
    <div className="console">
      <header className="console-head">
        <BrandMark brand={session.brand} page={t.title} />
        <nav aria-label={t.title}>
          {pages.map((p) => (
            <button
              key={p}
              type="button"
              aria-current={p === page ? 'page' : undefined}
              onClick={() => goTo(p)}
            >
              {t[p]}
            </button>
          ))}
        </nav>
        <div className="who">
          <span>
            {t.who({
              name: session.staff.displayName,
              role: roles[session.staff.role],
              store: session.store?.name ?? t.allStores,
            })}
          </span>
          <LanguageSwitch />
          <button type="button" className="link" onClick={() => void signOutOf()}>
            {t.signOut}
          </button>
        </div>
      </header>
      <main className="console-main">
        {session.actions.includes('line_delivery.read') && <QuotaWarning />}
        {page === 'dashboard' && <DashboardRoute />}
        {page === 'stores' && <StoresPage session={session} />}
        {page === 'members' && <MembersRoute session={session} />}
        {page === 'chat' && <ChatRoute session={session} />}
        {page === 'chat-settings' && <ChatSettingsPage session={session} />}
        {page === 'staff' && <StaffPage session={session} />}
        {page === 'points' && <PointsPage session={session} />}
        {page === 'coupons' && (
          <CouponsPage session={session} resultsOf={resultsOf} onResults={showResults} />
        )}
        {page === 'segments' && <SegmentsPage session={session} />}
        {page === 'campaigns' && <CampaignsPage session={session} shown={campaignOf} onShow={showCampaign} />}
        {page === 'journeys' && <JourneysPage session={session} />}
        {page === 'marketing' && <MarketingSettingsPage />}
        {page === 'member-io' && (
          <MemberIoPage
            canImport={session.actions.includes('member.import')}
            canExport={session.actions.includes('member.export')}
          />
        )}
        {page === 'audit' && <AuditPage />}
      </main>
    </div>
  );
}

/** The staff console: the sign-in form until someone is signed in, then their pages. */
export function ConsoleApp() {
  const session = useStore(staffSession);
  return (
    <>
      {session === null && (
        <div className="corner">
          <LanguageSwitch />
        </div>
      )}
      <StaffGate>{(session) => <Console session={session} />}</StaffGate>
    </>
  );
}
