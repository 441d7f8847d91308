import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cutHeight, dendrogramLayout } from '../../../../shared/charts/model-charts';
import type { MissingPolicy } from '../../../../shared/contract/cluster';
import type { HclustResult } from '../../../../shared/contract/hclust';
import { useWorkspace } from '../../app/workspace';
import type { ViewProps } from '../../app/view-registry';
import { useCall, useQuery } from '../../app/use-call';
import { Button, EmptyState, ErrorBanner, ProgressDialog } from '../../components/index';
import { chainOf, defaultChoices, type FeatureChoice } from '../cluster/cluster-params';
import { FeaturePicker } from '../cluster/feature-picker';
import { MODELS_NS } from './strings';
import '../analysis-common/analysis.css';
import '../cluster/cluster.css';
import './models.css';

type Mode = 'auto' | 'sample' | 'micro';

/** 层次聚类: Ward's tree of the customers, a draggable cut, and the k it gives to k-means or as a segmentation. */
export function HclustView({ datasetId }: ViewProps) {
  const { t, i18n } = useTranslation(MODELS_NS);
  const { openTab } = useWorkspace();
  const ds = useQuery('datasets.get', { datasetId: datasetId ?? '' }, { enabled: datasetId !== null, refreshOn: [] });
  const [choices, setChoices] = useState<FeatureChoice[]>([]);
  const [missing] = useState<MissingPolicy>('drop');
  const [mode, setMode] = useState<Mode>('auto');
  const [sampleSize, setSampleSize] = useState(20000);
  const [micro, setMicro] = useState(1000);
  const [seed, setSeed] = useState(42);
  const [result, setResult] = useState<HclustResult | null>(null);
  const [k, setK] = useState(3);
  const [kept, setKept] = useState<string | null>(null);
  const run = useCall('hclust.run');
  const keep = useCall('hclust.keep');
  useEffect(() => {
    if (ds.data && choices.length === 0) setChoices(defaultChoices(ds.data.columns));
  }, [ds.data, choices.length]);
  const features = useMemo(() => choices.filter((c) => c.include).map((c) => ({ column: c.column, transforms: chainOf(c) })), [choices]);
  if (datasetId === null) return <EmptyState title={t('noNumeric')} />;
  const params = { datasetId, features, missing, mode, sampleSize, microClusters: micro, seed };
  const num = (v: string, fallback: number): number => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback);
  return (
    <div className="k-analysis k-models" data-testid="hclust-view">
      <ErrorBanner error={ds.error ?? run.error ?? keep.error} onDismiss={() => (run.clearError(), keep.clearError())} />
      <section className="k-models__section">
        <h4>{t('features')}</h4>
        <FeaturePicker columns={ds.data?.columns ?? []} choices={choices} onChange={setChoices} />
        <div className="k-analysis__bar">
          <label>
            {t('mode')}{' '}
            <select value={mode} onChange={(e) => setMode(e.target.value as Mode)} data-testid="hclust-mode">
              {(['auto', 'sample', 'micro'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`modes_${m}`)}
                </option>
              ))}
            </select>
          </label>
          {mode !== 'micro' ? (
            <label>
              {t('sampleSize')} <input type="number" min={100} max={20000} value={sampleSize} onChange={(e) => setSampleSize(num(e.target.value, 20000))} />
            </label>
          ) : (
            <label>
              {t('micro')} <input type="number" min={50} max={5000} value={micro} onChange={(e) => setMicro(num(e.target.value, 1000))} />
            </label>
          )}
          <label>
            {t('seed')} <input type="number" min={0} value={seed} onChange={(e) => setSeed(num(e.target.value, 42))} />
          </label>
          <small>{t('hclustConventions')}</small>
          <Button
            variant="primary"
            disabled={features.length === 0}
            onClick={() =>
              void run.run(params).then((r) => {
                if (!r) return;
                setResult(r);
                setK(r.suggestedK);
                setKept(null);
              })
            }
            data-testid="hclust-run"
          >
            {t('build')}
          </Button>
        </div>
      </section>
      {result ? (
        <section className="k-models__section" data-testid="hclust-result" data-k={k}>
          <div data-testid="hclust-summary">
            {t('hclustSummary', { points: result.points.toLocaleString(), mode: t(result.mode === 'exact' ? 'modes_auto' : `modes_${result.mode}`), coph: result.cophenetic?.toFixed(3) ?? '—' })}
          </div>
          <div data-testid="hclust-suggested">
            <strong>{t('suggested', { k: result.suggestedK })}</strong> {i18n.language === 'en' ? result.reason.en : result.reason.zh}
          </div>
          <DendrogramPicture result={result} k={k} onK={setK} />
          <div data-testid="hclust-k">{t('dragCut', { k })}</div>
          {result.sizesByK[String(k)] ? <div>{t('sizes', { sizes: result.sizesByK[String(k)]!.map((s) => s.toLocaleString()).join(' / ') })}</div> : null}
          <div className="k-analysis__bar">
            <Button onClick={() => openTab({ viewId: 'cluster', datasetId, params: { k } })} data-testid="hclust-use-kmeans">
              {t('useForKmeans')}
            </Button>
            <Button variant="primary" onClick={() => void keep.run({ ...params, k }).then((r) => r && setKept(t('kept', { id: r.segmentation.id })))} data-testid="hclust-keep">
              {t('keep')}
            </Button>
            {kept ? <span data-testid="hclust-kept">{kept}</span> : null}
          </div>
        </section>
      ) : null}
      <ProgressDialog open={run.running} title={t('building')} progress={run.progress} controller={run.controller} />
      <ProgressDialog open={keep.running} title={t('running')} progress={keep.progress} controller={keep.controller} />
    </div>
  );
}

const W = 860;
const H = 360;
const PAD = { left: 50, right: 16, top: 16, bottom: 28 };

/** The top of the tree as SVG, with a horizontal cut line the user drags (k follows the height). */
function DendrogramPicture({ result, k, onK }: { result: HclustResult; k: number; onK: (k: number) => void }) {
  const layout = useMemo(() => dendrogramLayout(result.dendrogram), [result.dendrogram]);
  const svg = useRef<SVGSVGElement>(null);
  const [dragging, setDragging] = useState(false);
  const n = Math.max(1, layout.leaves.length);
  const top = layout.maxHeight * 1.05 || 1;
  const x = (v: number): number => PAD.left + ((v + 0.5) / n) * (W - PAD.left - PAD.right);
  const y = (h: number): number => PAD.top + (1 - h / top) * (H - PAD.top - PAD.bottom);
  const cut = cutHeight(result.heights, k);
  const kAt = (height: number): number => {
    // k = 1 + the number of merges above the line (heights[i] joins i + 2 clusters into i + 1).
    let count = 1;
    for (const h of result.heights) if (h > height) count++;
    return Math.max(2, Math.min(count, result.heights.length + 1, n));
  };
  const moveTo = (e: React.PointerEvent<SVGSVGElement>): void => {
    if (!svg.current) return;
    const box = svg.current.getBoundingClientRect();
    const py = ((e.clientY - box.top) / box.height) * H;
    const h = (1 - (py - PAD.top) / (H - PAD.top - PAD.bottom)) * top;
    onK(kAt(h));
  };
  return (
    <svg
      ref={svg}
      className="k-models__dendrogram"
      viewBox={`0 0 ${W} ${H}`}
      data-testid="hclust-dendrogram"
      onPointerDown={(e) => {
        // Press anywhere on the picture (or on the line) and drag: the cut follows the pointer.
        setDragging(true);
        svg.current?.setPointerCapture(e.pointerId);
        moveTo(e);
      }}
      onPointerMove={(e) => dragging && moveTo(e)}
      onPointerUp={() => setDragging(false)}
      onPointerLeave={() => setDragging(false)}
    >
      <line x1={PAD.left} y1={y(0)} x2={W - PAD.right} y2={y(0)} stroke="#c9d1d9" />
      <line x1={PAD.left} y1={y(0)} x2={PAD.left} y2={y(top)} stroke="#c9d1d9" />
      {[0, 0.25, 0.5, 0.75, 1].map((f) => (
        <text key={f} x={PAD.left - 6} y={y(top * f) + 4} fontSize={10} textAnchor="end" fill="#6b7785">
          {(top * f).toFixed(1)}
        </text>
      ))}
      {layout.segments.map((s, i) => (
        <line key={i} x1={x(s[0])} y1={y(s[1])} x2={x(s[2])} y2={y(s[3])} stroke="#5d7092" strokeWidth={1.2} />
      ))}
      {layout.leaves.map((l) => (
        <text key={l.id} x={x(l.x)} y={H - 10} fontSize={9} textAnchor="middle" fill="#6b7785">
          {l.size}
        </text>
      ))}
      <line
        x1={PAD.left}
        x2={W - PAD.right}
        y1={y(cut)}
        y2={y(cut)}
        stroke="#e8684a"
        strokeWidth={3}
        strokeDasharray="6 4"
        style={{ cursor: 'ns-resize' }}
        data-testid="hclust-cut"
      />
    </svg>
  );
}
