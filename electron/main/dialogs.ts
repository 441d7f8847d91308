/**
 * Native file dialogs, labelled in the UI language. Each returns the chosen path(s) or null /
 * an empty list when the user cancelled.
 */
import { dialog, type BrowserWindow, type FileFilter } from 'electron';
import type { UiLanguage } from '../../shared/desktop-bridge';
import { PROJECT_EXTENSIONS, WORKBOOK_EXTENSIONS } from '../../shared/desktop-ipc';

const TEXT = {
  'zh-CN': {
    project: '客群项目',
    workbook: '表格文件（Excel、CSV）',
    report: 'Excel 工作簿',
    csv: 'CSV 文件',
    openProject: '打开项目',
    newProject: '新建项目',
    saveProjectAs: '项目另存为',
    importData: '导入数据',
    saveReport: '导出报告',
    newProjectName: '新项目.kequn',
    reportName: '客群报告.xlsx',
  },
  en: {
    project: 'Kequn project',
    workbook: 'Spreadsheets (Excel, CSV)',
    report: 'Excel workbook',
    csv: 'CSV file',
    openProject: 'Open Project',
    newProject: 'New Project',
    saveProjectAs: 'Save Project As',
    importData: 'Import Data',
    saveReport: 'Export Report',
    newProjectName: 'New project.kequn',
    reportName: 'Kequn report.xlsx',
  },
} as const;

function filters(language: UiLanguage, kind: 'project' | 'workbook' | 'report' | 'csv'): FileFilter[] {
  const t = TEXT[language];
  if (kind === 'project') return [{ name: t.project, extensions: [...PROJECT_EXTENSIONS] }];
  if (kind === 'report') return [{ name: t.report, extensions: ['xlsx'] }];
  if (kind === 'csv') return [{ name: t.csv, extensions: ['csv'] }];
  return [{ name: t.workbook, extensions: [...WORKBOOK_EXTENSIONS] }];
}

export class Dialogs {
  constructor(private readonly language: () => UiLanguage) {}

  async openProject(win: BrowserWindow | undefined): Promise<string | null> {
    const l = this.language();
    const options = { title: TEXT[l].openProject, filters: filters(l, 'project'), properties: ['openFile' as const] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }

  async saveProject(win: BrowserWindow | undefined, purpose: 'new' | 'saveAs', defaultName?: string): Promise<string | null> {
    const l = this.language();
    const options = {
      title: purpose === 'new' ? TEXT[l].newProject : TEXT[l].saveProjectAs,
      defaultPath: defaultName ?? TEXT[l].newProjectName,
      filters: filters(l, 'project'),
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  }

  async openWorkbooks(win: BrowserWindow | undefined): Promise<string[]> {
    const l = this.language();
    const options = { title: TEXT[l].importData, filters: filters(l, 'workbook'), properties: ['openFile' as const, 'multiSelections' as const] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? [] : r.filePaths;
  }

  async saveReport(win: BrowserWindow | undefined, defaultName?: string, format: 'xlsx' | 'csv' = 'xlsx'): Promise<string | null> {
    const l = this.language();
    const options = {
      title: TEXT[l].saveReport,
      defaultPath: defaultName ?? TEXT[l].reportName,
      filters: filters(l, format === 'csv' ? 'csv' : 'report'),
      properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
    };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  }
}
