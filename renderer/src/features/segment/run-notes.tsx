import { useTranslation } from 'react-i18next';
import type { SegmentRunResult } from '../../../../shared/contract/segment';
import { SEGMENT_NS } from './strings';

/**
 * What a run could not apply (coded warnings from the engine, worded there in both languages) and
 * where the lifecycle's spend trend came from when the engine found it itself.
 */
export function RunNotes({ result }: { result: SegmentRunResult | null }) {
  const { t, i18n } = useTranslation(SEGMENT_NS);
  if (!result) return null;
  const en = i18n.language === 'en';
  const details = result.details as { trendSource?: string | null } | null;
  return (
    <>
      {details?.trendSource === 'rfmSource' ? (
        <div className="k-field__hint" data-testid="segment-trend-source">
          {t('trendFromRfm')}
        </div>
      ) : null}
      {(result.warnings ?? []).map((w) => (
        <div key={w.code} className="k-warn" data-testid="segment-warning" data-code={w.code}>
          {en ? w.en : w.zh}
        </div>
      ))}
    </>
  );
}
