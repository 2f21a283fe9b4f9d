import { messagingApi } from '@line/bot-sdk';
import type { LineChannel } from '../config.ts';

/** The Messaging API clients the product uses; their base URLs point at LINE or at the local stand-in. */
export interface LineClients {
  messaging: messagingApi.MessagingApiClient;
  blob: messagingApi.MessagingApiBlobClient;
}

export function createLineClients(channel: LineChannel): LineClients {
  const { channelAccessToken } = channel;
  return {
    messaging: new messagingApi.MessagingApiClient({ channelAccessToken, baseURL: channel.apiBaseUrl }),
    blob: new messagingApi.MessagingApiBlobClient({ channelAccessToken, baseURL: channel.dataApiBaseUrl }),
  };
}
