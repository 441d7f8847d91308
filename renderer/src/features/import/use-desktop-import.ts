import { useEffect } from 'react';
import { onDesktopCommand, onFilesDropped } from '../../app/desktop-commands';
import { useWorkspace } from '../../app/workspace';

/**
 * Desktop app: File › Import and workbooks dropped on the window open the import view with the
 * path filled in (one tab per file). Mounted once by the shell; a no-op in browser mode.
 */
export function useDesktopImport(): void {
  const { openTab } = useWorkspace();
  useEffect(() => {
    const open = (paths: string[]): void => {
      for (const path of paths) openTab({ viewId: 'import', datasetId: null, params: { path } });
    };
    const offMenu = onDesktopCommand('importData', (c) => open(c.paths));
    const offDrop = onFilesDropped((f) => open(f.paths));
    return () => {
      offMenu();
      offDrop();
    };
  }, [openTab]);
}
