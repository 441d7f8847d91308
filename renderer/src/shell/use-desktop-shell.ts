import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopBridge } from '../app/desktop-bridge';
import { setLanguage } from '../i18n/index';
import { subscribeDesktopShell, type DesktopShellActions } from './desktop-shell-commands';

/**
 * Desktop only: the native menu's project commands and language choice reach the UI, and the
 * UI's language reaches the native menus. Does nothing in browser mode.
 */
export function useDesktopShell(actions: Omit<DesktopShellActions, 'setLanguage'>): void {
  const { i18n } = useTranslation('shell');
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    if (!desktopBridge()) return undefined;
    return subscribeDesktopShell(() => ({ ...latest.current, setLanguage: (language) => void setLanguage(language) }));
  }, []);

  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  useEffect(() => {
    void desktopBridge()?.setLanguage(language);
  }, [language]);
}
