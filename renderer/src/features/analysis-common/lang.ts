import { useTranslation } from 'react-i18next';
import type { ChartLang } from '../../../../shared/charts/index';

/** The chart/label language for the current UI language. */
export function useChartLang(): ChartLang {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}
