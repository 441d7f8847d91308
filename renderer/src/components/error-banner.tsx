import { useTranslation } from 'react-i18next';
import { KequnError } from '../../../shared/contract/errors';
import { toKequnError } from '../app/use-call';

export interface ErrorBannerProps {
  error: unknown;
  onDismiss?: () => void;
  testId?: string;
}

/**
 * Shows a coded engine error in the user's language: the Chinese text for zh-CN, the English
 * message otherwise, with the stable code so support can look it up.
 */
export function ErrorBanner({ error, onDismiss, testId = 'error-banner' }: ErrorBannerProps) {
  const { t, i18n } = useTranslation('shell');
  if (error === null || error === undefined) return null;
  const e: KequnError = toKequnError(error);
  const text = i18n.language === 'en' ? e.message : e.messageZh;
  // Positions, column names, counts: what support needs, shown on request.
  const details = Object.entries(e.details ?? {});
  return (
    <div className="k-error" role="alert" data-testid={testId} data-code={e.code}>
      <span className="k-error__icon" aria-hidden="true">
        !
      </span>
      <span className="k-error__text">
        <span className="k-error__message" data-testid="error-message">
          {text}
        </span>
        <span className="k-error__code" data-testid="error-code">
          {t('error.code', { code: e.code })}
        </span>
        {details.length > 0 ? (
          <details className="k-error__details" data-testid="error-details">
            <summary>{t('error.details')}</summary>
            <dl>
              {details.map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
                </div>
              ))}
            </dl>
          </details>
        ) : null}
      </span>
      {onDismiss ? (
        <button type="button" className="k-error__close" onClick={onDismiss} aria-label={t('action.dismiss')}>
          ×
        </button>
      ) : null}
    </div>
  );
}
