import { DomainError } from '../errors.ts';

/** A campaign action refused: no such campaign, or not in a state that allows it (bot/domain/errors.ts). */
export const CampaignRefusal = {
  notFound: () => new DomainError('CAMPAIGN_NOT_FOUND', '找不到這個活動。(No such campaign)'),

  /** The campaign is `status`, which does not allow the action (`zh`, `en`: 暫停 / paused). */
  state: (status: string, zh: string, en: string) =>
    new DomainError(
      'CAMPAIGN_STATE',
      `活動目前是「${status}」，不能${zh}。(The campaign is ${status}: it cannot be ${en}.)`,
      { campaignStatus: status },
    ),
};
