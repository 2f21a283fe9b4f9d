import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import type { Engine } from '../../db/engine.ts';
import type { Actor } from '../domain/actor.ts';
import { campaignIn, campaignOffer } from '../domain/campaigns/campaigns.ts';
import { clickToken } from '../domain/campaigns/clicks.ts';
import { DomainError } from '../domain/errors.ts';
import { ensureCan } from '../domain/permissions.ts';
import type { LineClients } from './clients.ts';
import { campaignMessages } from './flex/campaign-messages.ts';
import type { Language } from './messages.ts';

const LANGUAGES: Language[] = ['zh-TW', 'en'];

/** LINE's 400 body: `{message, details: [{message, property}]}` (property: `messages[0].contents.body...`). */
function lineDetails(error: HTTPFetchError): {
  message: string;
  details: { message: string; property: string }[];
} {
  try {
    const body = JSON.parse(error.body) as {
      message?: string;
      details?: { message: string; property: string }[];
    };
    return { message: body.message ?? error.statusText, details: body.details ?? [] };
  } catch {
    return { message: error.statusText, details: [] };
  }
}

/**
 * A campaign's messages in both languages, exactly as the sender builds them, each checked by LINE's validate
 * endpoint for multicast (`validateMulticast`): what LINE would refuse is refused here, before anyone is sent
 * anything, with LINE's own words by language and property (MESSAGE_REFUSED_BY_LINE).
 */
export async function previewCampaign(
  engine: Engine,
  line: LineClients,
  id: number,
  liffId: string,
  actor: Actor,
  now: Date,
): Promise<Record<Language, messagingApi.Message[]>> {
  ensureCan(actor, 'campaign.read');
  const { campaign, offer } = await engine.read(async (tx) => {
    const campaign = await campaignIn(tx, id);
    const m = campaign.message;
    return { campaign, offer: m.kind === 'coupon' ? await campaignOffer(tx, m.templateId, now) : null };
  });
  if (campaign.message.kind === 'coupon' && !offer)
    throw new DomainError('COUPON_TEMPLATE_NOT_FOUND', '找不到這張優惠券', {
      templateId: campaign.message.templateId,
    });
  const messages = {} as Record<Language, messagingApi.Message[]>;
  for (const language of LANGUAGES) {
    const click = { liffId, token: clickToken(campaign) };
    messages[language] = campaignMessages(campaign.message, language, { ...click, ...(offer && { offer }) });
    try {
      await line.messaging.validateMulticast({ messages: messages[language] });
    } catch (error) {
      if (!(error instanceof HTTPFetchError) || error.status !== 400) throw error;
      const refused = lineDetails(error);
      throw new DomainError(
        'MESSAGE_REFUSED_BY_LINE',
        `LINE 不接受這則訊息（${language}）：${refused.message}`,
        {
          language,
          details: refused.details,
        },
      );
    }
  }
  return messages;
}
