/**
 * Electron main: app lifecycle only. One instance (a second start hands its files to the first),
 * the sandbox everywhere, our page from the app scheme, the engine as a utility process, and
 * files from the OS (argv, macOS open-file) routed to the window.
 */
import { app, BrowserWindow, ipcMain, MessageChannelMain, net, protocol, session, utilityProcess } from 'electron';
import { appPaths } from './app-paths';
import { registerAppProtocol } from './app-protocol';
import { EngineProcess } from './engine-process';
import { filesFromArgv, classifyPaths } from './file-args';
import { registerIpc } from './ipc';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, applySessionSecurity } from './security';
import { ShellController } from './shell-controller';
import { createMainWindow } from './window';

const paths = appPaths(__dirname);

// Must happen before 'ready'. KEQUN_USER_DATA isolates test runs (and their single-instance lock).
if (process.env.KEQUN_USER_DATA) app.setPath('userData', process.env.KEQUN_USER_DATA);
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  const userData = app.getPath('userData');
  const windows = new Set<BrowserWindow>();
  const ourContents = new Set<number>();
  const engine = new EngineProcess({
    modulePath: paths.engine,
    userData,
    fork: (modulePath, args, options) => utilityProcess.fork(modulePath, args, options),
    createChannel: () => new MessageChannelMain(),
    onState: (state) => controller.onEngineState(state),
    log: (m) => console.warn(m),
  });
  const controller = new ShellController(userData, () => engine);

  const openWindow = (): BrowserWindow => {
    const win = createMainWindow({
      userData,
      preloadPath: paths.preload,
      isPackaged: app.isPackaged,
      engine,
      onClosed: (w) => {
        windows.delete(w);
        ourContents.delete(id);
      },
    });
    const id = win.webContents.id;
    windows.add(win);
    ourContents.add(id);
    win.webContents.once('did-finish-load', () => controller.pageLoaded(win));
    return win;
  };

  const focusOrOpen = (): BrowserWindow => {
    const win = [...windows][0] ?? openWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
    return win;
  };

  // macOS delivers double-clicked files as events, possibly before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    const files = classifyPaths([path], process.cwd());
    if (app.isReady()) controller.deliverFiles(files, focusOrOpen());
    else controller.deliverFiles(files);
  });

  app.on('second-instance', (_event, argv, workingDirectory) => {
    controller.deliverFiles(filesFromArgv(argv, workingDirectory, app.isPackaged), focusOrOpen());
  });

  app.on('web-contents-created', (_event, contents) => {
    // Nothing may attach a <webview> or open windows, whoever created the contents.
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.on('will-navigate', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });

  void app.whenReady().then(() => {
    applySessionSecurity(session.defaultSession);
    registerAppProtocol(protocol, paths.renderer, (url) => net.fetch(url));
    registerIpc(ipcMain, controller.ipcActions((id) => ourContents.has(id)));
    controller.refreshMenu();
    engine.start();
    controller.deliverFiles(filesFromArgv(process.argv, process.cwd(), app.isPackaged));
    openWindow();
  });

  app.on('activate', () => {
    if (windows.size === 0 && app.isReady()) openWindow();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', () => engine.stop());
}
