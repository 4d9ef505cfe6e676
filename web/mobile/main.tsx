import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../api/query-client';
import { MobileApp } from './mobile-app';
// The kit's styles first (the sign-in and the shell's buttons use them; the lazy pages used to
// bring them), then the shell's own, as the order was.
import './kit/form.css';
import './mobile.css';

/**
 * The phone pages (/m/*): a separate entry without antd, so a screener on a slow line loads
 * React, the query cache, zod and this folder only. The server answers /m/* with m/index.html.
 */
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient({ networkMode: 'always' })}>
      <MobileApp />
    </QueryClientProvider>
  </StrictMode>,
);
