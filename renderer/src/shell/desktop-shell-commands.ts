import type { UiLanguage } from '../../../shared/desktop-bridge';
import { onDesktopCommand } from '../app/desktop-commands';

/** What the native menu's project, report and language commands do in the UI. */
export interface DesktopShellActions {
  openProject: (path: string, create: boolean) => void;
  saveProjectAs: (path: string) => void;
  /** Menu 导出报告 (Ctrl+E): the report view, which picks the segmentation and writes the file. */
  exportReport: () => void;
  setLanguage: (language: UiLanguage) => void;
}

/**
 * Routes the shell's commands to `actions()` (read at each command, so the caller may pass
 * fresh callbacks every render). Returns the unsubscribe. Kept apart from the React hook so the
 * command path can be exercised without a DOM.
 */
export function subscribeDesktopShell(actions: () => DesktopShellActions): () => void {
  const offs = [
    onDesktopCommand('openProject', (c) => actions().openProject(c.path, false)),
    onDesktopCommand('newProject', (c) => actions().openProject(c.path, true)),
    onDesktopCommand('saveProjectAs', (c) => actions().saveProjectAs(c.path)),
    onDesktopCommand('exportReport', () => actions().exportReport()),
    onDesktopCommand('setLanguage', (c) => actions().setLanguage(c.language)),
  ];
  return () => offs.forEach((off) => off());
}
