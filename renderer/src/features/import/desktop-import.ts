import { onDesktopCommand, onFilesDropped } from '../../app/desktop-commands';

/**
 * Desktop app: each workbook from 文件 › 导入数据, from the OS (double-click, a second start) or
 * dropped on the window goes to `open`, one call per file. Returns the unsubscribe. Kept apart
 * from the React hook so the command path can be exercised without a DOM.
 */
export function subscribeDesktopImport(open: (path: string) => void): () => void {
  const openAll = (paths: readonly string[]): void => {
    for (const path of paths) open(path);
  };
  const offMenu = onDesktopCommand('importData', (c) => openAll(c.paths));
  const offDrop = onFilesDropped((f) => openAll(f.paths));
  return () => {
    offMenu();
    offDrop();
  };
}
