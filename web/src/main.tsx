// The entry: React, the router, TanStack Query, i18next with the login page's strings, and the
// login page — no antd (issue 17 item 6). antd's providers come with the signed-in layout
// (components/AntShell.tsx, lazily loaded by App.tsx).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { AppRoutes } from './App';
import { ApiError } from './api';
import './i18n';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (n, err) => !(err instanceof ApiError && err.problem.status < 500) && n < 2,
      refetchOnWindowFocus: false,
    },
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);

// Issue 16 §1: the service worker (built as /sw.js) caches the app shell and the screens' chunks,
// so the engineer's app opens without a signal. Only in a build; the dev server has no sw.js.
if ('serviceWorker' in navigator && import.meta.env.PROD) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => {});
  });
}
