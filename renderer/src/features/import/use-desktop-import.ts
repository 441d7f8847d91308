import { useEffect } from 'react';
import { useWorkspace } from '../../app/workspace';
import { subscribeDesktopImport } from './desktop-import';

/**
 * Desktop app: File › Import and workbooks dropped on the window open the import view with the
 * path filled in (one tab per file). Mounted once by the shell; a no-op in browser mode.
 */
export function useDesktopImport(): void {
  const { openTab } = useWorkspace();
  useEffect(() => subscribeDesktopImport((path) => openTab({ viewId: 'import', datasetId: null, params: { path } })), [openTab]);
}
