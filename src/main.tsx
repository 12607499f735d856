// First: every module below builds zod schemas as it loads.
import './lib/zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from './app/providers';
import { AppRouter, AppRoutes } from './app/router';
import { initEmbed } from './embed/frame';
import { embedLang } from './lib/embed';
import { pickLanguage, setLanguage } from './lib/i18n/language';
import { initPreselect } from './lib/preselect';
import { initRoom } from './lib/room';
import './styles.css';

// Before the router reads the address: embed mode takes its params out of it.
initEmbed();
// The provider's room this tab was in, if any (lib/room.ts).
initRoom();
initPreselect();

const container = document.getElementById('root');
if (!container) throw new Error('index.html must contain <div id="root">');

const language = pickLanguage({
  embed: embedLang(),
  search: new URLSearchParams(window.location.search).get('lang'),
  browser: navigator.languages,
});

function render(root: HTMLElement) {
  createRoot(root).render(
    <StrictMode>
      <AppProviders>
        <AppRouter>
          <AppRoutes />
        </AppRouter>
      </AppProviders>
    </StrictMode>,
  );
}

// English is already here; another language's words load first, so the page never flashes English.
// If they cannot load (offline), setLanguage keeps English: better than nothing.
void setLanguage(language).then(() => render(container));
