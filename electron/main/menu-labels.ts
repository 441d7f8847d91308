import type { UiLanguage } from '../../shared/desktop-bridge';

/** Every native menu text, in both UI languages (Chinese first). */
export interface MenuLabels {
  file: string;
  newProject: string;
  openProject: string;
  recentProjects: string;
  noRecentProjects: string;
  clearRecent: string;
  saveProjectAs: string;
  importData: string;
  exportReport: string;
  quit: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  reload: string;
  toggleDevTools: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullscreen: string;
  language: string;
  chinese: string;
  english: string;
  window: string;
  minimize: string;
  close: string;
  help: string;
  about: string;
  dataFolder: string;
  hide: string;
  hideOthers: string;
  showAll: string;
}

export const MENU_LABELS: Record<UiLanguage, MenuLabels> = {
  'zh-CN': {
    file: '文件',
    newProject: '新建项目…',
    openProject: '打开项目…',
    recentProjects: '最近项目',
    noRecentProjects: '（无）',
    clearRecent: '清除最近项目',
    saveProjectAs: '项目另存为…',
    importData: '导入数据…',
    exportReport: '导出报告…',
    quit: '退出',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '视图',
    reload: '重新加载',
    toggleDevTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullscreen: '全屏',
    language: '语言',
    chinese: '中文',
    english: 'English',
    window: '窗口',
    minimize: '最小化',
    close: '关闭窗口',
    help: '帮助',
    about: '关于客群',
    dataFolder: '打开应用数据文件夹',
    hide: '隐藏客群',
    hideOthers: '隐藏其他',
    showAll: '全部显示',
  },
  en: {
    file: 'File',
    newProject: 'New Project…',
    openProject: 'Open Project…',
    recentProjects: 'Recent Projects',
    noRecentProjects: '(none)',
    clearRecent: 'Clear Recent Projects',
    saveProjectAs: 'Save Project As…',
    importData: 'Import Data…',
    exportReport: 'Export Report…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    toggleDevTools: 'Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullscreen: 'Full Screen',
    language: 'Language',
    chinese: '中文',
    english: 'English',
    window: 'Window',
    minimize: 'Minimize',
    close: 'Close Window',
    help: 'Help',
    about: 'About Kequn',
    dataFolder: 'Open App Data Folder',
    hide: 'Hide Kequn',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
  },
};
