import { useState } from 'react';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import type { ErrorBody } from '../../../lib/api-client.ts';
import { fieldProblemsOf, refusalOf, refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type Campaign, type CampaignPreview, previewCampaign } from '../api/campaigns.ts';
import { campaignErrorMessages, campaignFieldMessages, campaignSendMessages } from './campaign-messages.ts';
import { MessagePreview } from './flex-preview.tsx';

/** MESSAGE_REFUSED_BY_LINE's details (bot/line/campaign-preview.ts). */
interface LineRefusal {
  language?: string;
  details?: { property: string; message: string }[];
}

/**
 * The messages each language's recipients would get, as the server builds and LINE's validate endpoint accepts
 * them; when LINE refuses, the server names the field and the composer is where to fix it.
 */
export function CampaignPreviewPanel({ campaign }: { campaign: Campaign }) {
  const t = useStore(campaignSendMessages);
  const errors = useStore(errorMessages);
  const own = useStore(campaignErrorMessages);
  const fields = useStore(campaignFieldMessages);
  const [preview, setPreview] = useState<CampaignPreview | null>(null);
  const [failure, setFailure] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    setBusy(true);
    setFailure(null);
    try {
      setPreview(await previewCampaign(campaign.id));
    } catch (error) {
      const problems = fieldProblemsOf(error);
      const words = fields as unknown as Record<string, string>;
      // LINE's own words for what it refused, by language and property (MESSAGE_REFUSED_BY_LINE).
      const refused = refusalOf<ErrorBody & LineRefusal>(error);
      setFailure([
        refusalText({ ...errors, ...own }, error),
        ...Object.entries(problems ?? {}).map(
          ([field, code]) => `${field}: ${words[code] ?? fields.INVALID}`,
        ),
        ...(refused?.details ?? []).map((d) =>
          `${refused?.language ?? ''} ${d.property}: ${d.message}`.trim(),
        ),
      ]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel campaign-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t.preview}</h2>
      <button type="button" className="button inline secondary" disabled={busy} onClick={() => void load()}>
        {busy ? t.previewing : t.preview}
      </button>
      {failure && (
        <Problem>
          {failure.map((line) => (
            <span key={line} className="line">
              {line}
            </span>
          ))}
        </Problem>
      )}
      {preview && (
        <div className="previews">
          <div>
            <h3>{t.previewZh}</h3>
            <MessagePreview label={t.previewZh} messages={preview.messages['zh-TW']} />
          </div>
          <div>
            <h3>{t.previewEn}</h3>
            <MessagePreview label={t.previewEn} messages={preview.messages.en} />
          </div>
        </div>
      )}
    </section>
  );
}
