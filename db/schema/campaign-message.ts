/**
 * What a campaign says (`campaigns.message`), in zh-TW and English: each recipient gets the variant of their
 * language. Written by the composer, read by the preview and by the sender's Flex builders.
 */

/** A coupon card: the template's offer as a Flex bubble with a claim button into the coupon wallet. */
export interface CouponCampaignMessage {
  kind: 'coupon';
  templateId: number;
  /** A line above the card, in each language (may be empty). */
  zh: { intro: string };
  en: { intro: string };
}

/** An announcement: an image, a title and text, and a button that opens a link (through the click redirect). */
export interface AnnouncementCampaignMessage {
  kind: 'announcement';
  imageUrl: string | null;
  zh: { title: string; text: string; buttonLabel: string | null };
  en: { title: string; text: string; buttonLabel: string | null };
  buttonUrl: string | null;
}

/** Plain text. */
export interface TextCampaignMessage {
  kind: 'text';
  zh: { text: string };
  en: { text: string };
}

export type CampaignMessage = CouponCampaignMessage | AnnouncementCampaignMessage | TextCampaignMessage;
