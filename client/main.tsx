import './lib/zod-config.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Only the NL Design System (Utrecht) components this app uses, not the whole library.
import '@utrecht/page-css/dist/index.css';
import '@utrecht/page-header-css/dist/index.css';
import '@utrecht/page-content-css/dist/index.css';
import '@utrecht/page-footer-css/dist/index.css';
import '@utrecht/skip-link-css/dist/index.css';
import '@utrecht/heading-1-css/dist/index.css';
import '@utrecht/heading-2-css/dist/index.css';
import '@utrecht/heading-3-css/dist/index.css';
import '@utrecht/paragraph-css/dist/index.css';
import '@utrecht/link-css/dist/index.css';
import '@utrecht/button-css/dist/index.css';
import '@utrecht/alert-css/dist/index.css';
import '@utrecht/status-badge-css/dist/index.css';
import '@utrecht/table-css/dist/index.css';
import '@utrecht/unordered-list-css/dist/index.css';
import '@utrecht/form-field-css/dist/index.css';
import '@utrecht/form-label-css/dist/index.css';
import '@utrecht/form-field-description-css/dist/index.css';
import '@utrecht/form-field-error-message-css/dist/index.css';
import '@utrecht/textbox-css/dist/index.css';
import '@utrecht/textarea-css/dist/index.css';
import '@utrecht/select-css/dist/index.css';
import '@utrecht/checkbox-css/dist/index.css';
import '@utrecht/design-tokens/dist/index.css';
import './styles.css';
import { AuthProvider } from './lib/auth.tsx';
import { App } from './App.tsx';
import { LiveProvider } from './lib/live.tsx';
import { UnreadProvider } from './features/notifications/unread.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AuthProvider>
      <LiveProvider>
        <UnreadProvider>
          <App />
        </UnreadProvider>
      </LiveProvider>
    </AuthProvider>
  </StrictMode>,
);
