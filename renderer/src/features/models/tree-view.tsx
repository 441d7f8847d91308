import { useEffect, useMemo, useState, type ReactElement } from 'react';
import type { TreeParams } from './models-params';
import { useTranslation } from 'react-i18next';
import type { TreeNodeView, TreeResult, TreeRowExplanation } from '../../../../shared/contract/tree';
import type { ViewProps } from '../../app/view-registry';
import { useCall, useQuery } from '../../app/use-call';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { SqlButton } from '../sql-export/sql-button';
import { MODELS_NS } from './strings';
import '../analysis-common/analysis.css';
import './models.css';

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 决策树解释: explain a saved segmentation in rules; why one row is where it is; apply the rules. */
export function TreeView({ datasetId, params }: ViewProps<TreeParams>) {
  const { t, i18n } = useTranslation(MODELS_NS);
  const en = i18n.language === 'en';
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null, refreshOn: [] });
  const segs = useQuery('segmentations.list', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null });
  const saved = useQuery('models.list', { datasetId: datasetId ?? '', kind: 'tree' }, { enabled: datasetId !== null });
  const [segmentationId, setSegmentationId] = useState('');
  /** '' = explain a segmentation; otherwise a label column (e.g. imported segment labels). */
  const [labelColumn, setLabelColumn] = useState('');
  const [columns, setColumns] = useState<Set<string>>(new Set());
  const [depth, setDepth] = useState(4);
  const [minLeaf, setMinLeaf] = useState(20);
  const [testShare, setTestShare] = useState(0.3);
  const [seed, setSeed] = useState(42);
  const [result, setResult] = useState<TreeResult | null>(null);
  const [row, setRow] = useState(typeof params?.row === 'number' ? params.row + 1 : 1);
  const [why, setWhy] = useState<TreeRowExplanation | null>(null);
  const fit = useCall('tree.fit');
  const get = useCall('tree.get');
  const explain = useCall('tree.explainRow');
  const segList = segs.data ?? [];
  const chosenSeg = segmentationId || segList[segList.length - 1]?.id || '';
  const labelKeys = useMemo(() => new Set(segList.map((s) => s.columnKey)), [segList]);
  const candidates = (ds.data?.columns ?? []).filter((c) => !labelKeys.has(c.key));

  // Opened from the grid's "why this segment": show the latest tree of this dataset and explain the row.
  const latest = saved.data?.[saved.data.length - 1]?.id ?? null;
  useEffect(() => {
    if (typeof params?.row === 'number' && latest && !result) void get.run({ modelId: latest }).then((r) => r && setResult(r));
  }, [latest, params?.row]);
  useEffect(() => {
    if (result && typeof params?.row === 'number') void explain.run({ modelId: result.model.id, row: params.row }).then((r) => r && setWhy(r));
  }, [result?.model.id, params?.row]);

  if (datasetId === null) return <EmptyState title={t('noSegmentation')} />;
  const num = (v: string, fallback: number): number => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);
  const onFit = async (): Promise<void> => {
    const target = labelColumn ? { datasetId, target: labelColumn } : { segmentationId: chosenSeg };
    const r = await fit.run({ ...target, columns: [...columns].filter((c) => c !== labelColumn), maxDepth: depth, minLeaf, testShare, seed });
    if (r) {
      setResult(r);
      setWhy(null);
    }
  };
  const onWhy = async (): Promise<void> => {
    if (!result) return;
    const r = await explain.run({ modelId: result.model.id, row: Math.max(0, row - 1) });
    if (r) setWhy(r);
  };
  return (
    <div className="k-analysis k-models" data-testid="tree-view">
      <ErrorBanner error={ds.error ?? fit.error ?? explain.error ?? get.error} onDismiss={() => (fit.clearError(), explain.clearError(), get.clearError())} />
      <section className="k-models__section">
        {segList.length === 0 && !labelColumn ? <EmptyState title={t('noSegmentation')} /> : null}
        <div className="k-analysis__bar">
          <label>
            {t('segmentation')}{' '}
            <select value={chosenSeg} disabled={labelColumn !== ''} onChange={(e) => setSegmentationId(e.target.value)} data-testid="tree-segmentation">
              {segList.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('labelColumn')}{' '}
            <select value={labelColumn} onChange={(e) => setLabelColumn(e.target.value)} data-testid="tree-label-column">
              <option value="">{t('labelColumnNone')}</option>
              {candidates
                .filter((c) => c.type === 'text')
                .map((c) => (
                  <option key={c.key} value={c.name}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
        </div>
        <h4>{t('columns')}</h4>
        <div className="k-models__checks" data-testid="tree-columns">
          {candidates.map((c) => (
            <label key={c.key}>
              <input
                type="checkbox"
                data-testid="tree-column"
                data-column={c.name}
                checked={columns.has(c.name)}
                onChange={(e) => {
                  const next = new Set(columns);
                  if (e.target.checked) next.add(c.name);
                  else next.delete(c.name);
                  setColumns(next);
                }}
              />
              {c.name}
            </label>
          ))}
        </div>
        <div className="k-analysis__bar">
          <label>
            {t('depth')} <input type="number" min={1} max={12} value={depth} onChange={(e) => setDepth(num(e.target.value, 4))} data-testid="tree-depth" />
          </label>
          <label>
            {t('minLeaf')} <input type="number" min={1} value={minLeaf} onChange={(e) => setMinLeaf(num(e.target.value, 20))} data-testid="tree-min-leaf" />
          </label>
          <label>
            {t('testShare')} <input type="number" min={0} max={0.5} step={0.05} value={testShare} onChange={(e) => setTestShare(num(e.target.value, 0.3))} />
          </label>
          <label>
            {t('seed')} <input type="number" min={0} value={seed} onChange={(e) => setSeed(num(e.target.value, 42))} />
          </label>
          <Button variant="primary" disabled={(!chosenSeg && !labelColumn) || columns.size === 0} onClick={() => void onFit()} data-testid="tree-fit">
            {t('fit')}
          </Button>
        </div>
        <small>{t('conventions')}</small>
        {typeof params?.row === 'number' && saved.data?.length === 0 && !result ? <div data-testid="tree-why-needs-tree">{t('whyNeedsTree', { row: params.row + 1 })}</div> : null}
      </section>
      {result ? (
        <section className="k-models__section" data-testid="tree-result" data-model-id={result.model.id}>
          <div className="k-analysis__bar">
            <SqlButton target={{ kind: 'model', modelId: result.model.id }} />
          </div>
          <div data-testid="tree-accuracy">
            {t('accuracy', { train: pct(result.trainAccuracy), test: pct(result.testAccuracy), n: result.rowsTest.toLocaleString() })}
            {result.rowsSkipped > 0 ? ` · ${t('skipped', { n: result.rowsSkipped.toLocaleString() })}` : ''}
          </div>
          <h4>{t('rules')}</h4>
          <table className="k-models__table" data-testid="tree-rules">
            <thead>
              <tr>
                <th>{t('rule')}</th>
                <th>{t('segment')}</th>
                <th>{t('coverage')}</th>
                <th>{t('ruleAccuracy')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rules.map((r) => (
                <tr key={r.node} data-testid="tree-rule">
                  <td>{en ? r.text.en : r.text.zh}</td>
                  <td>{r.segment}</td>
                  <td className="k-models__num">{r.coverage.toLocaleString()}</td>
                  <td className="k-models__num">{pct(r.accuracy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{t('perClass')}</h4>
          <table className="k-models__table" data-testid="tree-per-class">
            <thead>
              <tr>
                <th>{t('segment')}</th>
                <th>{t('support')}</th>
                <th>{t('precision')}</th>
                <th>{t('recall')}</th>
              </tr>
            </thead>
            <tbody>
              {result.perClass.map((c) => (
                <tr key={c.segment}>
                  <td>{c.segment}</td>
                  <td className="k-models__num">{c.support.toLocaleString()}</td>
                  <td className="k-models__num">{pct(c.precision)}</td>
                  <td className="k-models__num">{pct(c.recall)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h4>{t('tree')}</h4>
          <TreeDrawing nodes={result.nodes} path={why ? pathOf(result.nodes, why) : new Set()} />
          <h4>{t('why')}</h4>
          <div className="k-analysis__bar">
            <label>
              {t('whyRow')} <input type="number" min={1} value={row} onChange={(e) => setRow(num(e.target.value, 1))} data-testid="tree-why-row" />
            </label>
            <Button onClick={() => void onWhy()} data-testid="tree-why">
              {t('whyRun')}
            </Button>
          </div>
          {why ? (
            <div data-testid="tree-why-result" data-predicted={why.predicted}>
              <div>
                {t('predicted', { p: why.predicted, a: why.actual ?? '—' })} ({why.agrees ? t('agrees') : t('disagrees')})
              </div>
              <ol>
                {why.steps.map((s, i) => (
                  <li key={i}>
                    {en ? s.text.en : s.text.zh} <span className="k-models__muted">({s.column} = {s.value === null ? '—' : String(s.value)})</span>
                  </li>
                ))}
              </ol>
              {why.rule ? (
                <div className="k-models__muted">
                  {t('coverage')} {why.rule.coverage.toLocaleString()} · {t('ruleAccuracy')} {pct(why.rule.accuracy)}
                </div>
              ) : null}
            </div>
          ) : null}
          <ApplyRules result={result} />
        </section>
      ) : null}
      <ProgressDialog open={fit.running} title={t('fitting')} progress={fit.progress} controller={fit.controller} />
    </div>
  );
}

/** Node ids on the explained row's path (matched by the steps taken). */
function pathOf(nodes: TreeNodeView[], why: TreeRowExplanation): Set<number> {
  const out = new Set<number>([0]);
  let id = 0;
  for (const step of why.steps) {
    const n = nodes[id];
    if (!n?.split || step.value === null) break;
    const left = n.split.zh === step.text.zh;
    id = left ? n.left : n.right;
    out.add(id);
  }
  return out;
}

/** The tree as nested boxes: the test and its "yes" branch first, then "no". */
function TreeDrawing({ nodes, path }: { nodes: TreeNodeView[]; path: Set<number> }) {
  const { t, i18n } = useTranslation(MODELS_NS);
  const en = i18n.language === 'en';
  const render = (id: number, edge: string | null): ReactElement => {
    const n = nodes[id]!;
    const cls = `k-models__node${path.has(id) ? ' k-models__node--path' : ''}${n.split ? '' : ' k-models__node--leaf'}`;
    return (
      <li key={id}>
        <div className={cls} data-testid="tree-node">
          {edge ? <span className="k-models__edge">{edge}</span> : null}
          {n.split ? `${en ? n.split.en : n.split.zh} ?` : `→ ${n.prediction}`} <span className="k-models__muted">({n.n.toLocaleString()})</span>
        </div>
        {n.split ? (
          <ul>
            {render(n.left, t('yes'))}
            {render(n.right, t('no'))}
          </ul>
        ) : null}
      </li>
    );
  };
  return <ul className="k-models__tree">{nodes.length > 0 ? render(0, null) : null}</ul>;
}

/** Label another dataset with the tree's rules, or copy the rule scheme. */
function ApplyRules({ result }: { result: TreeResult }) {
  const { t } = useTranslation(MODELS_NS);
  const datasets = useQuery('datasets.list', {});
  const score = useCall('tree.score');
  const [target, setTarget] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const chosen = target || datasets.data?.[0]?.id || '';
  return (
    <div className="k-analysis__bar" data-testid="tree-apply">
      <strong>{t('applyRules')}</strong>
      <label>
        {t('target')}{' '}
        <select value={chosen} onChange={(e) => setTarget(e.target.value)} data-testid="tree-apply-target">
          {(datasets.data ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      <Button disabled={!chosen || score.running} onClick={() => void score.run({ modelId: result.model.id, datasetId: chosen }).then((r) => r?.segmentation && setDone(t('applied', { id: r.segmentation.id })))} data-testid="tree-apply-run">
        {t('apply')}
      </Button>
      <Button onClick={() => void navigator.clipboard?.writeText(JSON.stringify(result.scheme, null, 2)).then(() => setDone(t('copied')))} data-testid="tree-copy-scheme">
        {t('copyScheme')}
      </Button>
      {done ? <span data-testid="tree-apply-done">{done}</span> : null}
      <ErrorBanner error={score.error} onDismiss={score.clearError} />
    </div>
  );
}
