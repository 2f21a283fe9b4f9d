import { useStores } from '../../features/console/api/stores.ts';
import { DashboardPage } from '../../features/dashboard/components/dashboard-page.tsx';
import { showCampaign } from './router.ts';

/** The dashboard, with the stores to filter by and each campaign's row opening its page (features meet in app/). */
export function DashboardRoute() {
  const stores = useStores();
  return <DashboardPage stores={stores.data ?? []} onCampaign={showCampaign} />;
}
