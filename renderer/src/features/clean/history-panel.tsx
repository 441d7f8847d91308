import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CleanStep } from '../../../../shared/contract/clean';
import { useCall, useQuery } from '../../app/use-call';
import { Button, ErrorBanner } from '../../components/index';
import { formatDateTime, formatNumber } from '../../format';
import { CLEAN_NS } from './strings';

function stepLabel(s: CleanStep, t: (k: string, o?: Record<string, unknown>) => string): string {
  const op = s.operation;
  if (op.op === 'merge') return `${t('op.merge')} · ${op.with}${s.report.merge ? t('mergeVersion', { version: s.report.merge.with.version }) : ''}`;
  const cols = 'keys' in op ? op.keys : 'columns' in op ? op.columns : 'column' in op ? [op.column] : 'name' in op ? [op.name] : [];
  return `${t(`op.${op.op}`)} · ${cols.join('、')}`;
}

/** Every step with time, parameters and affected rows; undo, redo, back to any step; recipes. */
export function HistoryPanel({ datasetId }: { datasetId: string }) {
  const { t } = useTranslation(CLEAN_NS);
  const history = useQuery('clean.history', { datasetId });
  const recipes = useQuery('clean.recipes.list', {});
  const undo = useCall('clean.undo');
  const redo = useCall('clean.redo');
  const revert = useCall('clean.revert');
  const save = useCall('clean.recipes.save');
  const replay = useCall('clean.recipes.apply');
  const [name, setName] = useState('');
  const h = history.data;
  const applied = h?.steps.filter((s) => s.state === 'applied') ?? [];
  const error = undo.error ?? redo.error ?? revert.error ?? save.error ?? replay.error ?? history.error;

  return (
    <aside className="k-clean__history" data-testid="clean-history">
      <h3>{t('history')}</h3>
      <div className="k-row">
        <Button size="small" disabled={!h?.canUndo || undo.running} onClick={() => void undo.run({ datasetId })} data-testid="clean-undo">
          {t('undo')}
        </Button>
        <Button size="small" disabled={!h?.canRedo || redo.running} onClick={() => void redo.run({ datasetId })} data-testid="clean-redo">
          {t('redo')}
        </Button>
      </div>
      <ol className="k-clean__steps">
        <li className={applied.length === 0 ? 'is-current' : ''} data-testid="clean-step-original">
          <span>{t('original')}</span>
          {applied.length > 0 ? (
            <Button size="small" variant="ghost" onClick={() => void revert.run({ datasetId, toSeq: 0 })} data-testid="clean-revert-original">
              {t('revertHere')}
            </Button>
          ) : null}
        </li>
        {h?.steps.map((s) => (
          <li key={s.id} data-testid="clean-step" data-state={s.state} className={s.state === 'undone' ? 'is-undone' : ''} title={JSON.stringify(s.operation)}>
            <div>
              <strong>#{s.seq}</strong> {stepLabel(s, t)} {s.state === 'undone' ? <em>（{t('undone')}）</em> : null}
            </div>
            <div className="k-clean__meta">
              {t('stepRows', { affected: formatNumber(s.affectedRows), before: formatNumber(s.rowsBefore), after: formatNumber(s.rowsAfter) })} ·{' '}
              {formatDateTime(Date.parse(s.createdAt))}
            </div>
            {s.state === 'applied' && s.seq !== applied[applied.length - 1]?.seq ? (
              <Button size="small" variant="ghost" onClick={() => void revert.run({ datasetId, toSeq: s.seq })}>
                {t('revertHere')}
              </Button>
            ) : null}
          </li>
        ))}
      </ol>
      <h3>{t('recipes')}</h3>
      <div className="k-row">
        <input className="k-input" placeholder={t('recipeName')} value={name} onChange={(e) => setName(e.target.value)} data-testid="clean-recipe-name" />
        <Button
          size="small"
          disabled={applied.length === 0 || name.trim() === '' || save.running}
          onClick={() => void save.run({ datasetId, name }).then((r) => r && (setName(''), recipes.reload()))}
          data-testid="clean-recipe-save"
        >
          {t('saveRecipe')}
        </Button>
      </div>
      {recipes.data && recipes.data.length === 0 ? <p className="k-field__hint">{t('noRecipes')}</p> : null}
      <ul className="k-clean__recipes">
        {recipes.data?.map((r) => (
          <li key={r.id} data-testid="clean-recipe" data-recipe-name={r.name}>
            <span>
              {r.name} · {r.operations.length}
            </span>
            <Button size="small" disabled={replay.running} onClick={() => void replay.run({ datasetId, recipeId: r.id })} data-testid="clean-recipe-apply">
              {t('applyRecipe')}
            </Button>
          </li>
        ))}
      </ul>
      <ErrorBanner error={error} testId="clean-history-error" />
    </aside>
  );
}
