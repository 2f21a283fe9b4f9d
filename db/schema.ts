/** The whole database schema, one file per part of the business; drizzle-kit reads it from here. */
export * from './schema/campaigns.ts';
export * from './schema/chat.ts';
export * from './schema/claims.ts';
export * from './schema/counter.ts';
export * from './schema/coupons.ts';
export * from './schema/dashboard.ts';
export * from './schema/jobs.ts';
export * from './schema/journeys.ts';
export * from './schema/line.ts';
export * from './schema/member-imports.ts';
export * from './schema/members.ts';
export * from './schema/points.ts';
export * from './schema/segments.ts';
export * from './schema/staff.ts';
