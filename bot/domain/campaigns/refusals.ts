/**
 * A campaign action refused: no such campaign, or not in a state that allows it. Answered by the error handler with
 * its `statusCode` and `code` until the codes join bot/domain/errors.ts' refusals (asked of its owner).
 */
export class CampaignRefusal extends Error {
  readonly code: 'CAMPAIGN_NOT_FOUND' | 'CAMPAIGN_STATE';
  readonly statusCode: number;

  constructor(code: CampaignRefusal['code'], statusCode: number, message: string) {
    super(message);
    this.code = code;
    this.statusCode = statusCode;
  }

  static notFound() {
    return new CampaignRefusal('CAMPAIGN_NOT_FOUND', 404, '找不到這個活動。(No such campaign)');
  }

  /** The campaign is `status`, which does not allow the action (`zh`, `en`: 暫停 / paused). */
  static state(status: string, zh: string, en: string) {
    return new CampaignRefusal(
      'CAMPAIGN_STATE',
      409,
      `活動目前是「${status}」，不能${zh}。(The campaign is ${status}: it cannot be ${en}.)`,
    );
  }
}
