import type { OfflineItem } from './db';

/**
 * "Nothing is dropped silently": what waits (or is stuck) can always leave the phone as a JSON
 * file. The name carries only the date (待同步-2026-12-07.json), never a person's data.
 */
export function exportFile(
  items: readonly OfflineItem[],
  now: Date = new Date(),
): { name: string; text: string } {
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const text = JSON.stringify(
    {
      format: 'unioncare-offline-export',
      version: 1,
      exportedAt: now.toISOString(),
      items: items.map((item) => ({
        ...item,
        createdAt: new Date(item.createdAt).toISOString(),
        updatedAt: new Date(item.updatedAt).toISOString(),
        ...(item.lastTriedAt === undefined ? {} : { lastTriedAt: new Date(item.lastTriedAt).toISOString() }),
      })),
    },
    null,
    2,
  );
  return { name: `待同步-${day}.json`, text };
}

/** Download the items as a JSON file (the browser's own download; nothing goes to a server). */
export function exportItems(items: readonly OfflineItem[], now: Date = new Date()): void {
  const { name, text } = exportFile(items, now);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
