/**
 * The electron stand-in: one stand-in for the `electron` module, with the half main sees
 * (main-electron.ts, windows.ts, utility-process.ts) and the half a preload sees
 * (preload-electron.ts), and the ways to run our real bundles against it — main booted in this
 * process (boot.ts) and a page under Node (node-page.ts) running the real preload. It
 * records what our code does and lets tests drive what Electron and the user would; it never
 * does our code's work. Every desktop test uses it.
 */
export { bootMain, desktopBundles, ROOT, type BootedMain, type BootOptions } from './boot';
export { clickableItems, createElectronStandIn, findMenuItem, type DialogAnswers, type ElectronStandIn, type MenuItemStandIn, type SessionHandlers } from './main-electron';
export { loadRendererModule, openNodePage, runPreload, type NodePage, type PageWindow, type PreloadRun } from './node-page';
export { UtilityProcessStandIn } from './utility-process';
export type { BrowserWindowClass, BrowserWindowStandIn, SenderFrameSpec, WebContentsStandIn } from './windows';
