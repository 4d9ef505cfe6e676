import { afterEach, describe, expect, it, vi } from 'vitest';
import { readStoredLargeText, storeLargeText } from './texts';

/** The 大字 switch (issue 11 item 5): kept on the phone, applied as a class on <html>. */
describe('the large-text switch', () => {
  afterEach(() => vi.unstubAllGlobals());

  function phone() {
    const store = new Map<string, string>();
    const classes = new Set<string>();
    vi.stubGlobal('window', {
      localStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => void store.set(k, v),
      },
    });
    vi.stubGlobal('document', {
      documentElement: {
        classList: { toggle: (c: string, on: boolean) => void (on ? classes.add(c) : classes.delete(c)) },
      },
    });
    return classes;
  }

  it('is off until switched on, and stays as the person left it', () => {
    const classes = phone();
    expect(readStoredLargeText()).toBe(false);
    storeLargeText(true);
    expect(classes.has('m-large-text')).toBe(true);
    expect(readStoredLargeText()).toBe(true);
    storeLargeText(false);
    expect(classes.has('m-large-text')).toBe(false);
    expect(readStoredLargeText()).toBe(false);
  });

  it('still works where storage is refused (private mode)', () => {
    vi.stubGlobal('window', {
      localStorage: {
        getItem: () => {
          throw new Error('denied');
        },
        setItem: () => {
          throw new Error('denied');
        },
      },
    });
    const classes = new Set<string>();
    vi.stubGlobal('document', {
      documentElement: {
        classList: { toggle: (c: string, on: boolean) => void (on ? classes.add(c) : classes.delete(c)) },
      },
    });
    expect(readStoredLargeText()).toBe(false);
    storeLargeText(true);
    expect(classes.has('m-large-text')).toBe(true);
  });
});
