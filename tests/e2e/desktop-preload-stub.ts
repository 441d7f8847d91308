/**
 * A stand-in for the Electron preload, injected into Chromium before the app starts: it exposes
 * `window.kequnDesktop` and answers the page's 'kequn:engine-port-wanted' with a MessagePort, as
 * the real preload does. Behind the port it relays frames to the engine's WebSocket (with the token
 * from the page URL's fragment, as a subprotocol), so the renderer's desktop path — handshake,
 * port transport, re-attach after an engine restart, menu commands — runs against the real engine.
 * Test hooks live on `window.__kequnTest`.
 */
export const DESKTOP_PRELOAD_STUB = `(() => {
  const menuListeners = new Set();
  const dropListeners = new Set();
  const test = {
    language: null,
    dialogPath: null,
    savePath: null,
    shown: null,
    ports: 0,
    close: null,
    menu(command) { for (const l of menuListeners) l(command); },
    drop(paths) { for (const l of dropListeners) l({ paths }); },
    menuSubscribers() { return menuListeners.size; },
    dropSubscribers() { return dropListeners.size; },
    restart() { test.close && test.close(); sendPort(); },
  };
  window.__kequnTest = test;
  window.kequnDesktop = {
    openProjectDialog: async () => test.dialogPath,
    saveProjectDialog: async () => test.dialogPath,
    openWorkbookDialog: async () => [],
    saveReportDialog: async () => test.savePath,
    showInFolder: async (path) => { test.shown = path; return true; },
    setLanguage: async (language) => { test.language = language; },
    onMenuCommand: (listener) => { menuListeners.add(listener); return () => menuListeners.delete(listener); },
    onFilesDropped: (listener) => { dropListeners.add(listener); return () => dropListeners.delete(listener); },
    platform: 'linux',
  };
  function sendPort() {
    const channel = new MessageChannel();
    const token = (/token=([A-Za-z0-9_-]+)/.exec(location.hash) || [])[1];
    const ws = new WebSocket('ws://' + location.host + '/rpc', token ? ['kequn.v1', 'kequn.token.' + token] : []);
    const queue = [];
    ws.onopen = () => { for (const text of queue.splice(0)) ws.send(text); };
    ws.onmessage = (e) => channel.port2.postMessage(JSON.parse(e.data));
    channel.port2.onmessage = (e) => {
      const text = JSON.stringify(e.data);
      if (ws.readyState === 1) ws.send(text); else queue.push(text);
    };
    test.close = () => { ws.close(); channel.port2.close(); };
    test.ports++;
    window.postMessage({ type: 'kequn:engine-port' }, '*', [channel.port1]);
  }
  window.addEventListener('message', (e) => {
    if (e.source === window && e.data && e.data.type === 'kequn:engine-port-wanted') sendPort();
  });
})();`;
