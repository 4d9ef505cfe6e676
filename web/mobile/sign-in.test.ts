import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** Just enough of a browser for the phone app's first render at `path`. */
function browserAt(path: string): { replaced: string[] } {
  const replaced: string[] = [];
  const [pathname = '/m', search = ''] = path.split('?');
  vi.stubGlobal('window', {
    location: { pathname, search: search ? `?${search}` : '', replace: (to: string) => replaced.push(to) },
    localStorage: { getItem: () => null, setItem: () => undefined },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  });
  vi.stubGlobal('document', { documentElement: {}, cookie: '', title: '' });
  return { replaced };
}

/** A query client whose /me already answered 401, as for a signed-out screener. */
async function signedOut(): Promise<QueryClient> {
  const { ApiError } = await import('../api/client');
  const { meQueryKey } = await import('../components/session/hooks');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, retryOnMount: false } } });
  client
    .getQueryCache()
    .build(client, { queryKey: meQueryKey })
    .setState({
      status: 'error',
      fetchStatus: 'idle',
      error: new ApiError(401, 'auth.unauthenticated', 'Sign in first'),
      errorUpdatedAt: Date.now(),
    });
  return client;
}

describe('the phone pages, signed out', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  it('show their own sign-in on /m/screen, in Chinese first, instead of leaving for the back office', async () => {
    const { replaced } = browserAt('/m/screen?draft=abc');
    const { MobileApp } = await import('./mobile-app');
    const html = renderToString(
      createElement(QueryClientProvider, { client: await signedOut() }, createElement(MobileApp)),
    );
    expect(html).toContain('data-testid="m-sign-in"');
    expect(html).toContain('登录后开始摸排');
    expect(html).toMatch(/<label[^>]*for="[^"]+"[^>]*>用户名<\/label>/);
    expect(html).toMatch(/<label[^>]*for="[^"]+"[^>]*>密码<\/label>/);
    expect(html).toMatch(/autocomplete="current-password"/i);
    expect(html).not.toContain('ant-');
    expect(replaced).toEqual([]);
  });
});
