import type { RfmScoreResult } from '../../../shared/contract/segment';
import type { ParamsOut } from '../../../shared/contract/index';
import { addColumns } from '../store/column-writer';
import { compositeCode, readRfm, scoreRfm } from './rfm-scores';
import type { SegmentWork } from './work';

/** Writes R分/F分/M分/RFM代码 columns (one transaction) and reports the cut points used. */
export async function runRfmScore(work: SegmentWork, p: ParamsOut<'segment.rfmScore'>): Promise<RfmScoreResult> {
  const ds = work.store.getDataset(p.datasetId);
  work.progress(0, 3, 'rfmScore');
  const input = readRfm(work, ds, p.columns);
  await work.checkpoint();
  const scores = scoreRfm(input, p.cuts);
  work.progress(1, 3, 'rfmScore');
  await work.checkpoint();
  let scored = 0;
  const codes = Array.from({ length: input.r.length }, (_, i) => {
    const c = compositeCode(scores, i);
    if (c !== null) scored++;
    return c;
  });
  const score = (v: number): number | null => (v === 0 ? null : v);
  let columnKeys: RfmScoreResult['columnKeys'] = null;
  if (!p.preview) {
    const keys = addColumns(
      work.store,
      ds.id,
      [
        { name: 'R分', originalHeader: null, type: 'integer' },
        { name: 'F分', originalHeader: null, type: 'integer' },
        { name: 'M分', originalHeader: null, type: 'integer' },
        { name: 'RFM代码', originalHeader: null, type: 'integer' },
      ],
      (i) => [score(scores.r.scores[i]!), score(scores.f.scores[i]!), score(scores.m.scores[i]!), codes[i] ?? null],
    );
    columnKeys = { r: keys[0]!, f: keys[1]!, m: keys[2]!, code: keys[3]! };
  }
  work.progress(3, 3, 'rfmScore');
  return {
    columnKeys,
    cuts: { r: scores.r.cuts, f: scores.f.cuts, m: scores.m.cuts },
    distribution: { r: scores.r.distribution, f: scores.f.distribution, m: scores.m.distribution },
    scored,
    unscored: input.r.length - scored,
  };
}
