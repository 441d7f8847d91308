/**
 * Default output paths beside the project file, for the report and export dialogs. The renderer
 * has no path module, and the engine may run on Windows, so the separator is taken from the
 * project path itself.
 */
export function folderOf(projectPath: string): string {
  const cut = Math.max(projectPath.lastIndexOf('/'), projectPath.lastIndexOf('\\'));
  return cut <= 0 ? projectPath.slice(0, cut + 1) : projectPath.slice(0, cut);
}

/** Characters Windows, macOS and Linux all refuse in a file name become "_". */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[<>:"/\\|?*\x00-\x1f]/g, '_').trim();
  return cleaned === '' ? 'kequn' : cleaned.slice(0, 120);
}

export function besideProject(projectPath: string | undefined, fileName: string): string {
  if (!projectPath) return fileName;
  const sep = projectPath.includes('\\') && !projectPath.includes('/') ? '\\' : '/';
  const folder = folderOf(projectPath);
  return `${folder}${folder.endsWith(sep) ? '' : sep}${safeFileName(fileName)}`;
}

/** Swaps the extension (.xlsx ↔ .csv) when the user switches format. */
export function withExtension(path: string, ext: 'xlsx' | 'csv'): string {
  return /\.(xlsx|csv)$/i.test(path) ? path.replace(/\.(xlsx|csv)$/i, `.${ext}`) : `${path}.${ext}`;
}

/** The browser-mode route that serves a file the engine wrote, for a one-time ticket (exports.downloadTicket). */
export function downloadHref(ticket: string): string {
  return `/download?ticket=${encodeURIComponent(ticket)}`;
}
