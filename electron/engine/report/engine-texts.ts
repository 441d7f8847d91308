import { LIFECYCLE_STAGES } from '../segment/lifecycle';
import { RFM8_SEGMENTS } from '../segment/rfm8-segments';
import type { ReportLang } from './report-text';

const EN = new Map<string, string>([...RFM8_SEGMENTS.map((s) => [s.action, s.actionEn] as const), ...LIFECYCLE_STAGES.map((s) => [s.action, s.actionEn] as const)]);

/**
 * Texts the engine wrote in Chinese by default (the recommended action of an RFM-8 or lifecycle
 * segment), in the report's language. A text the user wrote stays as written.
 */
export function inLanguage(text: string | null, lang: ReportLang): string | null {
  if (text === null || lang === 'zh') return text;
  return EN.get(text) ?? text;
}
