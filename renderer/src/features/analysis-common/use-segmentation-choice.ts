import { useState } from 'react';
import type { SegmentationInfo } from '../../../../shared/contract/segmentations';
import { useQuery, type QueryState } from '../../app/use-call';

/**
 * The project's segmentations and the one a view shows: the one its tab was opened for
 * (`params.segmentationId`), else the one the user picked, else the newest.
 */
export function useSegmentationChoice(params: Record<string, unknown> | undefined): {
  list: QueryState<SegmentationInfo[]>;
  seg: SegmentationInfo | null;
  choose: (id: string) => void;
} {
  const list = useQuery('segmentations.list', {});
  const [chosen, choose] = useState<string>(typeof params?.['segmentationId'] === 'string' ? params['segmentationId'] : '');
  const seg = list.data?.find((s) => s.id === chosen) ?? list.data?.at(-1) ?? null;
  return { list, seg, choose };
}
