import { useState, type ReactNode } from 'react';
import type { SegmentationInfo } from '../../../../shared/contract/segmentations';
import { useQuery, type QueryState } from '../../app/use-call';
import type { SegmentationParams } from './segmentation-params';

/**
 * The project's segmentations and the one a view shows: the one its tab was opened for
 * (`params.segmentationId`), else the one the user picked, else the newest.
 */
export function useSegmentationChoice(params: SegmentationParams): {
  list: QueryState<SegmentationInfo[]>;
  seg: SegmentationInfo | null;
  choose: (id: string) => void;
} {
  const list = useQuery('segmentations.list', {});
  const [chosen, choose] = useState<string>(params.segmentationId ?? '');
  const seg = list.data?.find((s) => s.id === chosen) ?? list.data?.at(-1) ?? null;
  return { list, seg, choose };
}

/** The segmentation picker of the report and overview views (`well` = the analysis bar's look). */
export function SegmentationSelect(props: { label: ReactNode; segs: SegmentationInfo[]; value: string; onChange: (id: string) => void; testId: string; well?: boolean }) {
  const { label, segs, value, onChange, testId, well } = props;
  return (
    <label className={well ? 'k-well' : 'k-field'}>
      <span className={well ? 'k-well__title' : 'k-field__label'}>{label}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        {segs.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
