import { writeFileSync } from 'node:fs';
import { POLICY } from '../server/app';
import { permissionsMarkdown } from '../server/platform/auth/permissions-doc';

writeFileSync('docs/permissions.md', permissionsMarkdown(POLICY));
console.log('wrote docs/permissions.md');
