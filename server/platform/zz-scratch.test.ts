import { pbkdf2 } from 'node:crypto';
import ExcelJS from 'exceljs';
import { it } from 'vitest';
import { readXlsx, ExcelFormatError } from './excel';

it('scratch', async () => {
  const path = '/tmp/scratch/none.xlsx';
  const counts = new Map<string, number>();
  let stop = false;
  // Keep the libuv threadpool busy so fs callbacks lag behind unzipper's setImmediate-driven parsing.
  const burn = (): void => {
    if (stop) return;
    pbkdf2('x', 'y', 20000, 32, 'sha256', burn);
  };
  for (let i = 0; i < 4; i++) burn();
  const t = setInterval(() => {
    const end = Date.now() + Number(process.env.BUSY ?? 8);
    while (Date.now() < end);
  }, 1);
  for (let i = 0; i < 100; i++) {
    try {
      for await (const _ of readXlsx(path, { columns: [{ key: 'remark', header: '备注' }] })) void _;
    } catch (err) {
      const e = err as ExcelFormatError;
      const k = e.message + ' | ' + String((e.cause as Error | undefined)?.stack ?? '');
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  stop = true;
  clearInterval(t);
  console.log([...counts.entries()]);
  void ExcelJS;
}, 300_000);
