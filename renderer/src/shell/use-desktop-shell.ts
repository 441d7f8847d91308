import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopBridge } from '../app/desktop-bridge';
import { onDesktopCommand } from '../app/desktop-commands';
import { setLanguage } from '../i18n/index';

export interface DesktopShellActions {
  openProject: (path: string, create: boolean) => void;
  saveProjectAs: (path: string) => void;
  /** Menu 导出报告 (Ctrl+E): the report view, which picks the segmentation and writes the file. */
  exportReport: () => void;
}

/**
 * Desktop only: the native menu's project commands and language choice reach the UI, and the
 * UI's language reaches the native menus. Does nothing in browser mode.
 */
export function useDesktopShell(actions: DesktopShellActions): void {
  const { i18n } = useTranslation('shell');
  const latest = useRef(actions);
  latest.current = actions;

  useEffect(() => {
    if (!desktopBridge()) return undefined;
    const offs = [
      onDesktopCommand('openProject', (c) => latest.current.openProject(c.path, false)),
      onDesktopCommand('newProject', (c) => latest.current.openProject(c.path, true)),
      onDesktopCommand('saveProjectAs', (c) => latest.current.saveProjectAs(c.path)),
      onDesktopCommand('exportReport', () => latest.current.exportReport()),
      onDesktopCommand('setLanguage', (c) => void setLanguage(c.language)),
    ];
    return () => offs.forEach((off) => off());
  }, []);

  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  useEffect(() => {
    void desktopBridge()?.setLanguage(language);
  }, [language]);
}
