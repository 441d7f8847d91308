import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DescriptionCard } from '../../../../shared/contract/segment';
import { useCall, useQuery } from '../../app/use-call';
import { Button } from '../../components/button';
import { ErrorBanner } from '../../components/error-banner';
import { currentLocale } from '../../i18n/index';
import { SEGMENT_NS } from './strings';

const FIELDS = ['status', 'behaviour', 'value', 'needs'] as const;

/** 细分客户描述: one card per segment in the seeds' order, editable and kept with the scheme. */
export function CardsEditor({ segmentationId }: { segmentationId: string }) {
  const { t } = useTranslation(SEGMENT_NS);
  const lang = currentLocale() === 'en' ? 'en' : 'zh';
  const q = useQuery('segment.cards', { segmentationId, lang }, { refreshOn: [] });
  const save = useCall('segment.saveCards');
  const regen = useCall('segment.cards');
  const [cards, setCards] = useState<DescriptionCard[]>([]);
  useEffect(() => {
    if (q.data) setCards(q.data);
  }, [q.data]);
  const onSave = async (): Promise<void> => {
    const r = await save.run({ segmentationId, cards: cards.map(({ segment, status, behaviour, value, needs }) => ({ segment, status, behaviour, value, needs })) });
    if (r) setCards(r);
  };
  const onRegenerate = async (): Promise<void> => {
    const r = await regen.run({ segmentationId, lang, regenerate: true });
    if (r) setCards(r);
  };
  return (
    <section data-testid="segment-cards">
      <div className="k-segment__heading">{t('cards')}</div>
      <ErrorBanner error={q.error ?? save.error ?? regen.error} />
      <div className="k-segment__cards">
        {cards.map((c, i) => (
          <div className="k-segment__card" key={c.segment} data-testid="segment-card" data-segment={c.segment} data-edited={c.edited ? 'true' : 'false'}>
            <div className="k-segment__card-title">
              {c.segment} {c.edited ? <small>（{t('edited')}）</small> : null}
            </div>
            {FIELDS.map((f) => (
              <label key={f} className="k-field">
                <span className="k-field__label">{t(`card.${f}`)}</span>
                <textarea
                  rows={2}
                  value={c[f]}
                  onChange={(e) => setCards((all) => all.map((x, j) => (j === i ? { ...x, [f]: e.target.value } : x)))}
                  data-testid={`card-${f}`}
                />
              </label>
            ))}
          </div>
        ))}
      </div>
      <div className="k-analysis__bar">
        <Button onClick={() => void onSave()} disabled={save.running} data-testid="segment-save-cards">
          {t('saveCards')}
        </Button>
        <Button variant="ghost" onClick={() => void onRegenerate()} data-testid="segment-regenerate-cards">
          {t('regenerate')}
        </Button>
      </div>
    </section>
  );
}
