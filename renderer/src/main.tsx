import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { EngineProvider } from './app/engine-context';
import { connectEngine } from './app/engine-connection';
import { WorkspaceProvider } from './app/workspace';
import './features/index';
import { i18n } from './i18n/index';
import { App } from './shell/app';
import './styles/base.css';
import './styles/frame.css';
import './styles/components.css';
import './styles/views.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
const connection = connectEngine();

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <EngineProvider connection={connection}>
        <WorkspaceProvider>
          <App />
        </WorkspaceProvider>
      </EngineProvider>
    </I18nextProvider>
  </StrictMode>,
);
