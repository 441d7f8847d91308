import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace, type TabInfo } from '../app/workspace';
import { Menu, type MenuItem } from '../components/menu';

export interface TabStripProps {
  /** The title each tab shows ("订单明细", "订单明细 · 透视表"). */
  titleOf: (tab: TabInfo) => string;
}

type MenuState = { kind: 'tab'; tabId: string; x: number; y: number } | { kind: 'list'; x: number; y: number };

/**
 * The tab strip: one row that scrolls sideways instead of wrapping, the active tab always scrolled
 * into sight, a ▾ list of every tab once they no longer fit (as Excel's sheet list), and a
 * right-click menu (close, close others, close to the right, close all). Middle click closes.
 */
export function TabStrip({ titleOf }: TabStripProps) {
  const { t } = useTranslation('shell');
  const { tabs, activeTabId, activateTab, closeTab, closeOtherTabs, closeTabsToRight, closeAll } = useWorkspace();
  const strip = useRef<HTMLDivElement>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [hidden, setHidden] = useState(0);

  // How many tabs are (partly) out of sight: the ▾ list shows when any is.
  const measure = useCallback(() => {
    const el = strip.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    let out = 0;
    for (const tab of el.querySelectorAll<HTMLElement>('[data-testid="tab"]')) {
      const r = tab.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1) out++;
    }
    setHidden(out);
  }, []);

  useLayoutEffect(() => {
    const el = strip.current;
    const active = activeTabId ? el?.querySelector<HTMLElement>(`[data-tab-id="${activeTabId}"]`) : null;
    // Only the strip scrolls (scrollIntoView could also move the page); it is the tabs' offsetParent.
    if (el && active) {
      const left = active.offsetLeft;
      if (left < el.scrollLeft) el.scrollLeft = left;
      else if (left + active.offsetWidth > el.scrollLeft + el.clientWidth) el.scrollLeft = left + active.offsetWidth - el.clientWidth;
    }
    measure();
  }, [activeTabId, tabs, measure]);

  useEffect(() => {
    const el = strip.current;
    if (!el) return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [measure]);

  const tabMenu = (tabId: string): MenuItem[] => {
    const index = tabs.findIndex((x) => x.id === tabId);
    return [
      { id: 'close', label: t('tabs.closeThis'), hint: t('tabs.middleClick'), onSelect: () => closeTab(tabId) },
      { id: 'close-others', label: t('tabs.closeOthers'), disabled: tabs.length < 2, onSelect: () => closeOtherTabs(tabId) },
      { id: 'close-right', label: t('tabs.closeRight'), disabled: index < 0 || index === tabs.length - 1, onSelect: () => closeTabsToRight(tabId) },
      { id: 'close-all', label: t('tabs.closeAll'), separatorBefore: true, onSelect: closeAll },
    ];
  };
  const listMenu = (): MenuItem[] => tabs.map((tab) => ({ id: tab.id, label: titleOf(tab), checked: tab.id === activeTabId, onSelect: () => activateTab(tab.id) }));

  return (
    <div className="k-tabs" data-testid="tab-bar">
      <div
        ref={strip}
        className="k-tabs__strip"
        role="tablist"
        data-testid="tab-strip"
        onScroll={measure}
        onWheel={(e) => {
          // A mouse wheel scrolls the strip sideways, as in WPS's sheet bar.
          if (e.deltaY !== 0 && strip.current) strip.current.scrollLeft += e.deltaY;
        }}
      >
        {tabs.map((tab) => {
          const title = titleOf(tab);
          const active = tab.id === activeTabId;
          return (
            <div
              key={tab.id}
              className={`k-tab ${active ? 'is-active' : ''}`}
              role="tab"
              aria-selected={active}
              data-testid="tab"
              data-tab-id={tab.id}
              data-view-id={tab.viewId}
              data-dataset-id={tab.datasetId ?? ''}
              onContextMenu={(e) => {
                e.preventDefault();
                setMenu({ kind: 'tab', tabId: tab.id, x: e.clientX, y: e.clientY });
              }}
              onMouseDown={(e) => {
                // Middle click closes, as in browsers and WPS.
                if (e.button === 1) {
                  e.preventDefault();
                  closeTab(tab.id);
                }
              }}
            >
              <button type="button" className="k-tab__label" onClick={() => activateTab(tab.id)} title={title} data-testid="tab-label">
                {title}
              </button>
              <button type="button" className="k-tab__close" aria-label={t('tabs.close')} title={t('tabs.close')} onClick={() => closeTab(tab.id)} data-testid="tab-close">
                ×
              </button>
            </div>
          );
        })}
      </div>
      {hidden > 0 ? (
        <button
          type="button"
          className="k-tabs__more"
          data-testid="tab-overflow"
          data-hidden={hidden}
          title={t('tabs.all', { count: tabs.length })}
          aria-label={t('tabs.all', { count: tabs.length })}
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            setMenu({ kind: 'list', x: r.right - 220, y: r.bottom + 2 });
          }}
        >
          ▾ {hidden}
        </button>
      ) : null}
      {menu ? (
        <Menu
          at={{ x: menu.x, y: menu.y }}
          testId={menu.kind === 'tab' ? 'tab-menu' : 'tab-list'}
          onClose={() => setMenu(null)}
          items={menu.kind === 'tab' ? tabMenu(menu.tabId) : listMenu()}
        />
      ) : null}
    </div>
  );
}
