import { createContext, type ReactNode, useContext } from 'react';
import type { Api } from './api.ts';
import { type Clock, systemClock } from './clock.ts';

/** What the pages need from outside: the API (with the LIFF ID token), the time, and whether this is the demo. */
export interface Services {
  api: Api;
  clock: Clock;
  demo: boolean;
}

const ServicesContext = createContext<Services | null>(null);

export function AppProviders({
  api,
  clock = systemClock,
  demo = false,
  children,
}: Partial<Services> & { api: Api; children: ReactNode }) {
  return <ServicesContext value={{ api, clock, demo }}>{children}</ServicesContext>;
}

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('No AppProviders');
  return services;
}
