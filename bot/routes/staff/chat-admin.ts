import type { FastifyPluginAsync } from 'fastify';
import { cannedReplyRoutes } from './canned-replies.ts';
import { chatRuleRoutes } from './chat-rules.ts';
import { chatSettingsRoutes } from './chat-settings.ts';
import { memberContextRoutes } from './member-context.ts';
import { memberNoteRoutes } from './member-notes.ts';
import { pointsAdjustmentRoutes } from './points-adjustments.ts';

/** What surrounds the chat: the member beside it, notes, points adjustments, keyword and canned replies, settings. */
export const chatAdminRoutes: FastifyPluginAsync = async (app) => {
  await app.register(memberContextRoutes);
  await app.register(memberNoteRoutes);
  await app.register(pointsAdjustmentRoutes);
  await app.register(chatRuleRoutes);
  await app.register(cannedReplyRoutes);
  await app.register(chatSettingsRoutes);
};
