import { useTranslation } from 'react-i18next';
import type { ProjectInfo } from '../../../shared/contract/project';
import { Button } from '../components/button';
import { setLanguage } from '../i18n/index';

export interface TopBarProps {
  project: ProjectInfo | null;
  busy: boolean;
  onOpenDemo: () => void;
  onOpenProject: () => void;
  onCreateProject: () => void;
}

/** App name, the open project, project actions and the language switch. */
export function TopBar({ project, busy, onOpenDemo, onOpenProject, onCreateProject }: TopBarProps) {
  const { t, i18n } = useTranslation('shell');
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <header className="k-topbar" data-testid="top-bar">
      <div className="k-topbar__brand" data-testid="app-name">
        <span className="k-topbar__logo" aria-hidden="true">
          客
        </span>
        <span className="k-topbar__name">客群</span>
        <span className="k-topbar__sub">Kequn</span>
      </div>
      <div className="k-topbar__project" data-testid="project-name" title={project?.path ?? ''}>
        {project ? (
          <>
            <span className="k-topbar__project-name">{project.name}</span>
            {project.isDemo ? <span className="k-badge">{t('project.demoBadge')}</span> : null}
          </>
        ) : (
          <span className="k-topbar__project-none">{t('project.none')}</span>
        )}
      </div>
      <div className="k-topbar__actions">
        <Button size="small" onClick={onOpenDemo} disabled={busy} data-testid="open-demo">
          {t('project.openDemo')}
        </Button>
        <Button size="small" onClick={onOpenProject} disabled={busy} data-testid="open-project">
          {t('project.open')}
        </Button>
        <Button size="small" onClick={onCreateProject} disabled={busy} data-testid="create-project">
          {t('project.create')}
        </Button>
      </div>
      <div className="k-lang" role="group" aria-label={t('language.label')} data-testid="language-switch">
        <button
          type="button"
          className={lang === 'zh-CN' ? 'is-active' : ''}
          aria-pressed={lang === 'zh-CN'}
          onClick={() => void setLanguage('zh-CN')}
          data-testid="lang-zh"
        >
          中文
        </button>
        <button
          type="button"
          className={lang === 'en' ? 'is-active' : ''}
          aria-pressed={lang === 'en'}
          onClick={() => void setLanguage('en')}
          data-testid="lang-en"
        >
          English
        </button>
      </div>
    </header>
  );
}
