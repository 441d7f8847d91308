import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../shared/format/index';
import { shellStrings } from './shell-strings';

/** The two languages of the UI; zh-CN is the default for new users. */
export const LANGUAGES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LANGUAGE: Locale = 'zh-CN';
const STORAGE_KEY = 'kequn.language';

/** Strings of one namespace in both languages; English must be complete. */
export interface FeatureStrings {
  'zh-CN': Record<string, unknown>;
  en: Record<string, unknown>;
}

function storedLanguage(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // Storage can be unavailable (privacy mode); the default language is fine then.
  }
  return DEFAULT_LANGUAGE;
}

export const i18n: I18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  lng: storedLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  ns: ['shell'],
  defaultNS: 'shell',
  resources: {
    'zh-CN': { shell: shellStrings['zh-CN'] },
    en: { shell: shellStrings.en },
  },
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false,
  returnNull: false,
});

function syncHtmlLang(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}
syncHtmlLang(i18n.language);
i18n.on('languageChanged', (lng) => {
  syncHtmlLang(lng);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lng);
  } catch {
    // Not persisted; the choice still holds for this session.
  }
});

/**
 * Adds a feature's strings under its own namespace. Call at module load from the feature's
 * index.ts (before its views render); later calls for the same namespace merge.
 */
export function addFeatureStrings(ns: string, strings: FeatureStrings): void {
  i18n.addResourceBundle('zh-CN', ns, strings['zh-CN'], true, true);
  i18n.addResourceBundle('en', ns, strings.en, true, true);
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function setLanguage(lng: Locale): Promise<unknown> {
  return i18n.changeLanguage(lng);
}
