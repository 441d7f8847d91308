import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DatasetInfo } from '../../../shared/contract/datasets';
import { useTabCommands } from '../app/view-commands';
import { getView } from '../app/view-registry';
import { useWorkspace } from '../app/workspace';
import { addFeatureStrings } from '../i18n/index';
import { RIBBON_NS, ribbonStrings } from '../i18n/ribbon-strings';
import { RIBBON, type RibbonButton, type RibbonTab, type ShellAction } from './ribbon-model';
import '../styles/ribbon.css';

addFeatureStrings(RIBBON_NS, ribbonStrings);

const COLLAPSED_KEY = 'kequn.ribbon.collapsed';

function storedCollapsed(): boolean {
  try {
    return globalThis.localStorage?.getItem(COLLAPSED_KEY) === '1';
  } catch {
    return false;
  }
}

export interface RibbonProps {
  hasProject: boolean;
  /** The dataset the buttons act on (the active tab's, or the last one shown). */
  dataset: DatasetInfo | null;
  busy: boolean;
  onShell: (action: ShellAction) => void;
}

/**
 * An Excel/WPS-style ribbon: tabs of grouped buttons acting on the current dataset. Buttons that
 * cannot act right now stay visible but greyed, with a tooltip saying why (as Excel does), so
 * users learn where things are before they can use them. Double-click a tab to fold the ribbon.
 */
export function Ribbon({ hasProject, dataset, busy, onShell }: RibbonProps) {
  const { t } = useTranslation(RIBBON_NS);
  const workspace = useWorkspace();
  const commands = useTabCommands(workspace.activeTabId);
  const [tabId, setTabId] = useState<RibbonTab['id']>('home');
  const [collapsed, setCollapsed] = useState(storedCollapsed);
  const tab = RIBBON.find((r) => r.id === tabId) ?? RIBBON[0]!;

  const toggleCollapsed = (): void => {
    setCollapsed((c) => {
      try {
        globalThis.localStorage?.setItem(COLLAPSED_KEY, c ? '0' : '1');
      } catch {
        // Not remembered; the choice holds for this session.
      }
      return !c;
    });
  };

  /** Whether the button can act now, and if not, why (the tooltip). */
  const state = (b: RibbonButton): { enabled: boolean; why: string | null } => {
    const a = b.action;
    if (a.kind === 'shell') return { enabled: !busy, why: null };
    if (!hasProject) return { enabled: false, why: t('needProject') };
    if (a.kind === 'view') {
      if (!getView(a.viewId)) return { enabled: false, why: null };
      return a.needsDataset && !dataset ? { enabled: false, why: t('needDataset') } : { enabled: true, why: null };
    }
    const c = commands[a.command];
    return c?.enabled ? { enabled: true, why: null } : { enabled: false, why: c ? null : t('notHere') };
  };

  const press = (b: RibbonButton): void => {
    const a = b.action;
    if (a.kind === 'shell') onShell(a.action);
    else if (a.kind === 'command') commands[a.command]?.run();
    else workspace.openTab(a.open(a.needsDataset ? (dataset?.id ?? null) : null));
  };

  return (
    <div className={`k-ribbon ${collapsed ? 'is-collapsed' : ''}`} data-testid="ribbon" aria-label={t('label')}>
      <div className="k-ribbon__tabs" role="tablist" title={t('collapse')}>
        {RIBBON.map((r) => (
          <button
            key={r.id}
            type="button"
            role="tab"
            aria-selected={r.id === tab.id}
            className={`k-ribbon__tab ${r.id === tab.id ? 'is-active' : ''}`}
            data-testid="ribbon-tab"
            data-ribbon-tab={r.id}
            onClick={() => {
              setTabId(r.id);
              if (collapsed) toggleCollapsed();
            }}
            onDoubleClick={toggleCollapsed}
          >
            {t(`tabs.${r.id}`)}
          </button>
        ))}
        <span className="k-ribbon__current" data-testid="ribbon-dataset" title={dataset ? t('current', { name: dataset.name }) : t('noCurrent')}>
          {dataset ? t('current', { name: dataset.name }) : t('noCurrent')}
        </span>
      </div>
      {collapsed ? null : (
        <div className="k-ribbon__panel" role="tabpanel" data-testid="ribbon-panel" data-ribbon-tab={tab.id}>
          {tab.groups.map((g) => (
            <div key={g.id} className="k-ribbon__group" data-testid="ribbon-group" data-group-id={g.id}>
              <div className="k-ribbon__buttons">
                {g.buttons.map((b) => {
                  const { enabled, why } = state(b);
                  const tip = [t(`buttons.${b.id}.tip`), b.shortcut, why].filter(Boolean).join(' · ');
                  return (
                    <button
                      key={b.id}
                      type="button"
                      className="k-ribbon__button"
                      disabled={!enabled}
                      title={tip}
                      data-testid="ribbon-button"
                      data-command-id={b.id}
                      onClick={() => press(b)}
                    >
                      <span className="k-ribbon__icon" aria-hidden="true">
                        {b.icon}
                      </span>
                      <span className="k-ribbon__label">{t(`buttons.${b.id}.label`)}</span>
                    </button>
                  );
                })}
              </div>
              <div className="k-ribbon__group-name">{t(`groups.${g.id}`)}</div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
