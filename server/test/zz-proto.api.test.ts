import { it } from 'vitest';
import { createTestApp } from './test-app';
it('proto', async () => {
  const t = await createTestApp();
  console.log(JSON.stringify(t.routes, null, 0));
  const doc = t.app.swagger() as { paths: Record<string, unknown> };
  console.log(JSON.stringify(doc.paths, null, 1));
  await t.close();
});
