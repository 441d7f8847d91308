/**
 * Screenshots of the main screens, in Chinese and in English, into docs/screens/<lang>/ and an
 * index page docs/screens/README.md. Drives the built app in browser mode (a fresh KEQUN_HOME,
 * so the demo project is built as a new user gets it) with Debian's Chromium through the e2e
 * harness. Run: `npm run screens` (builds first).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { CHROMIUM_SKIP_MESSAGE, hasChromium, ROOT, startApp } from '../tests/e2e/harness';
import { AppPage } from '../tests/e2e/pages/app-page';

type Lang = 'zh-CN' | 'en';

interface Screen {
  file: string;
  title: { 'zh-CN': string; en: string };
  /** Brings the screen up; the app has the demo project open and tabs closed. */
  show: (ui: AppPage, ctx: { dir: string; lang: Lang }) => Promise<void>;
}

/** File paths on screen are this machine's temp folders: covered in the pictures. */
function pathsOnScreen(ui: AppPage): Locator[] {
  return [
    ui.page.locator('[data-testid="import-path"]'),
    ui.page.locator('[data-testid="report-path"]'),
    ui.page.locator('[data-testid="written-file"] code'),
  ];
}

const OUT = join(ROOT, 'docs', 'screens');

async function settle(page: Page, ms = 600): Promise<void> {
  // Charts and the grid draw after their data arrives; a short pause lets the last frame land.
  await page.waitForTimeout(ms);
}

async function activeReady(ui: AppPage, testId: string): Promise<void> {
  await ui.activePanel.locator(`[data-testid="${testId}"]`).first().waitFor({ timeout: 60_000 });
}

async function pick(ui: AppPage, testId: string, option: { label?: string; value?: string }): Promise<void> {
  await ui.activePanel.locator(`[data-testid="${testId}"]`).selectOption(option);
}

const SCREENS: Screen[] = [
  {
    file: '01-workflow.png',
    title: { 'zh-CN': '工作流程：七个步骤、每步的结果与下一步', en: 'Workflow: the seven steps, their results and the next step' },
    show: async (ui) => {
      await ui.page.locator('[data-testid="workflow-rail-step"][data-step="prepare"]').click();
      await activeReady(ui, 'workflow-view');
    },
  },
  {
    file: '02-grid-ribbon.png',
    title: { 'zh-CN': '数据表与功能区（开始）', en: 'Data table and the ribbon (Home)' },
    show: async (ui) => {
      await ui.openDataset('订单明细');
      await ui.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid"][data-ready="true"]').waitFor({ timeout: 60_000 });
      await ui.page.locator('[data-testid="ribbon-tab"][data-ribbon-tab="home"]').click();
    },
  },
  {
    file: '03-cell-menu.png',
    title: { 'zh-CN': '单元格右键菜单：插入或删除行、按值筛选、排序、列统计', en: 'Cell menu: insert or delete rows, filter by value, sort, column statistics' },
    show: async (ui) => {
      await ui.openDataset('订单明细');
      const canvas = ui.activePanel.locator('[data-testid="grid-canvas"]');
      await ui.page.locator('[data-testid="tab-panel"]:not([hidden]) [data-testid="grid"][data-ready="true"]').waitFor({ timeout: 60_000 });
      const box = await canvas.boundingBox();
      if (!box) throw new Error('grid not visible');
      // The fourth column (产品类别) of the third row.
      await ui.page.mouse.click(box.x + 60 + 140 * 3 + 30, box.y + 36 + 2 * 34 + 17, { button: 'right' });
      await ui.byTestId('cell-menu').waitFor();
    },
  },
  {
    file: '04-import-preview.png',
    title: { 'zh-CN': '导入预览：金额列识别为金额，数值不四舍五入', en: 'Import preview: money detected as money, numbers at full precision' },
    show: async (ui, { dir }) => {
      const csv = join(dir, '三月订单.csv');
      writeFileSync(csv, '买家会员名,订单付款时间,买家实际支付金额,宝贝总数量\n王小明,2024/3/5 09:41,56.85,2\n李华,2024/3/6 14:02,1280,1\n张伟,2024/3/8 20:15,199.9,3\n', 'utf8');
      await ui.page.locator('[data-testid="ribbon-tab"][data-ribbon-tab="data"]').click();
      await ui.page.locator('[data-testid="ribbon-button"][data-command-id="import"]').click();
      await activeReady(ui, 'import-view');
      await ui.activePanel.locator('[data-testid="import-path"]').fill(csv);
      await ui.activePanel.locator('[data-testid="import-preview-button"]').click();
      await activeReady(ui, 'import-preview-table');
    },
  },
  {
    file: '05-segment-summary.png',
    title: { 'zh-CN': 'RFM 八类客户：细分结果与行动建议', en: 'RFM-8 segments: summary and actions' },
    show: async (ui) => {
      await ui.page.locator('[data-testid="workflow-rail-step"][data-step="segment"]').click();
      await ui.activePanel.locator('[data-testid="workflow-step"][data-step="segment"] [data-testid="workflow-item-open"]').first().click();
      await activeReady(ui, 'segment-summary-table');
      await activeReady(ui, 'segment-chart');
    },
  },
  {
    file: '06-crosstab.png',
    title: { 'zh-CN': '偏好交叉表：细分 × 产品类别（TGI）', en: 'Preference cross-tab: segments × product category (TGI)' },
    show: async (ui) => {
      await ui.page.locator('[data-testid="workflow-rail-step"][data-step="preference"]').click();
      await ui.activePanel.locator('[data-testid="workflow-step"][data-step="preference"] [data-testid="workflow-item-open"]').first().click();
      await activeReady(ui, 'crosstab-chi2');
    },
  },
  {
    file: '07-rfm-heatmap.png',
    title: { 'zh-CN': '图表：R × F 热力图（五分位得分）', en: 'Charts: the R × F heat map (quintile scores)' },
    show: async (ui) => {
      await ui.openDatasetView('RFM-订单明细', 'charts');
      await pick(ui, 'chart-kind', { value: 'rfmHeatmap' });
      await pick(ui, 'chart-field-r', { label: 'R' });
      await pick(ui, 'chart-field-f', { label: 'F' });
      await pick(ui, 'chart-field-m', { label: 'M' });
      await ui.activePanel.locator('[data-testid="chart-canvas"] canvas').first().waitFor({ timeout: 60_000 });
    },
  },
  {
    file: '08-cluster.png',
    title: { 'zh-CN': '聚类分析：各群指数与图表', en: 'Clustering: cluster indices and charts' },
    show: async (ui) => {
      await ui.openDatasetView('RFM-订单明细', 'cluster');
      await activeReady(ui, 'cluster-run');
      await ui.activePanel.locator('[data-testid="cluster-run"]').click();
      await activeReady(ui, 'cluster-profiles');
    },
  },
  {
    file: '09-report.png',
    title: { 'zh-CN': '细分报告：选择工作表，生成 Excel', en: 'Segment report: choose the sheets, write the workbook' },
    show: async (ui) => {
      // From the workflow's 报告 step: the demo's report, rewritten from its RFM-8 segmentation.
      await ui.page.locator('[data-testid="workflow-rail-step"][data-step="report"]').click();
      await ui.activePanel.locator('[data-testid="workflow-step"][data-step="report"] [data-testid="workflow-item-open"]').first().click();
      await activeReady(ui, 'report-view');
      await ui.page.locator('[data-testid="ribbon-tab"][data-ribbon-tab="report"]').click();
    },
  },
  {
    file: '10-tabs.png',
    title: { 'zh-CN': '标签页：每个数据集的每个视图一个，放不下时列出全部', en: 'Tabs: one per view and dataset, the full list when they do not fit' },
    show: async (ui) => {
      for (const view of ['grid', 'dataset-overview', 'clean', 'rfm', 'formula', 'group-by', 'segment-builder', 'pivot', 'charts', 'crosstab']) await ui.openDatasetView('订单明细', view);
      await ui.byTestId('tab-overflow').click();
      await ui.byTestId('tab-list').waitFor();
    },
  },
  {
    file: '11-clean-dedupe.png',
    title: {
      'zh-CN': '数据清洗：不预选任何操作；删除重复行默认按全部列，预览逐行列出将删除的行',
      en: 'Cleaning: no operation preselected; duplicates by every column, the preview lists each row it deletes',
    },
    show: async (ui) => {
      await ui.openDatasetView('订单明细', 'clean');
      await activeReady(ui, 'clean-view');
      await pick(ui, 'clean-op', { value: 'dedupe' });
      await ui.activePanel.locator('[data-testid="clean-preview-button"]').click();
      await activeReady(ui, 'clean-preview');
      await ui.page.locator('[data-testid="ribbon-tab"][data-ribbon-tab="clean"]').click();
    },
  },
];

async function closeAllTabs(ui: AppPage): Promise<void> {
  await ui.page.keyboard.press('Escape');
  if ((await ui.tabs.count()) === 0) return;
  await ui.tabs.first().click({ button: 'right' });
  await ui.byTestId('tab-menu').locator('[data-item-id="close-all"]').click();
  await ui.tabs.first().waitFor({ state: 'detached' });
}

async function main(): Promise<void> {
  if (!hasChromium) {
    console.error(CHROMIUM_SKIP_MESSAGE);
    process.exit(2);
  }
  // One fresh app per language, so both sets show the same project state.
  for (const lang of ['zh-CN', 'en'] as const) {
    const app = await startApp({ name: `screens-${lang}` });
    const ui = new AppPage(app.page);
    const dir = join(app.home, 'screens-input');
    mkdirSync(dir, { recursive: true });
    try {
      await ui.waitReady();
      await ui.switchLanguage(lang === 'en' ? 'en' : 'zh');
      const folder = join(OUT, lang);
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder, { recursive: true });
      for (const screen of SCREENS) {
        await closeAllTabs(ui);
        await screen.show(ui, { dir, lang });
        await settle(app.page);
        await app.page.screenshot({ path: join(folder, screen.file), mask: pathsOnScreen(ui), maskColor: '#e8e8e8' });
        console.log(`${lang}/${screen.file}`);
      }
      const errors = app.consoleErrors();
      if (errors.length) throw new Error(`the page logged errors:\n${errors.join('\n')}`);
    } finally {
      await app.close();
    }
  }
  const rows = SCREENS.map((s) => `| ${s.title['zh-CN']}<br>${s.title.en} | ![](zh-CN/${s.file}) | ![](en/${s.file}) |`);
  writeFileSync(
    join(OUT, 'README.md'),
    [
      '# Screens',
      '',
      'The main screens of the app on the demo project, in Chinese and English (1280 × 800, Chromium).',
      'Generated by `npm run screens` (scripts/take-screens.ts); do not edit by hand. File paths',
      '(the temporary folder the script runs in) are covered with grey boxes.',
      '',
      '| screen | 中文 | English |',
      '|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
}

await main();
