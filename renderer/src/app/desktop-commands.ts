import type { DroppedFiles, MenuCommand, MenuCommandType } from '../../../shared/desktop-bridge';
import { desktopBridge } from './desktop-bridge';

type CommandOf<T extends MenuCommandType> = Extract<MenuCommand, { type: T }>;

/**
 * Fans the desktop shell's menu commands and dropped files out to features. The preload hands
 * everything it held at start-up to its first subscriber, which is this hub; a command nobody
 * listens to yet (e.g. "import" before the import feature mounted) is kept per type until someone does.
 */
const listeners = new Map<MenuCommandType, Set<(c: MenuCommand) => void>>();
const held = new Map<MenuCommandType, MenuCommand[]>();
const dropListeners = new Set<(f: DroppedFiles) => void>();
const heldDrops: DroppedFiles[] = [];
const HOLD_LIMIT = 20;
let started = false;

function start(): void {
  if (started) return;
  const bridge = desktopBridge();
  if (!bridge) return;
  started = true;
  bridge.onMenuCommand((command) => {
    const set = listeners.get(command.type);
    if (set && set.size > 0) {
      for (const l of [...set]) l(command);
      return;
    }
    const list = held.get(command.type) ?? [];
    list.push(command);
    held.set(command.type, list.slice(-HOLD_LIMIT));
  });
  bridge.onFilesDropped((files) => {
    if (dropListeners.size > 0) for (const l of [...dropListeners]) l(files);
    else {
      heldDrops.push(files);
      if (heldDrops.length > HOLD_LIMIT) heldDrops.shift();
    }
  });
}

/** Subscribes to one kind of desktop command; no-op (never called) in browser mode. */
export function onDesktopCommand<T extends MenuCommandType>(type: T, listener: (command: CommandOf<T>) => void): () => void {
  start();
  const fn = listener as (c: MenuCommand) => void;
  let set = listeners.get(type);
  if (!set) {
    set = new Set();
    listeners.set(type, set);
  }
  set.add(fn);
  const pending = held.get(type) ?? [];
  held.delete(type);
  for (const c of pending) fn(c);
  return () => {
    set.delete(fn);
  };
}

/** Subscribes to workbooks dropped onto the desktop window. */
export function onFilesDropped(listener: (files: DroppedFiles) => void): () => void {
  start();
  dropListeners.add(listener);
  for (const f of heldDrops.splice(0)) listener(f);
  return () => {
    dropListeners.delete(listener);
  };
}
