import { KequnError, type ErrorDetails } from '../../../shared/contract/errors';

/** Every bad segmentation input is SEGMENT_INVALID with both languages and the offending item. */
export function segmentInvalid(en: string, zh: string, details?: ErrorDetails): KequnError {
  return new KequnError('SEGMENT_INVALID', en, { zh: `细分方案无效：${zh}`, ...(details ? { details } : {}) });
}
