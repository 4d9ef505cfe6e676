import { writeFileSync } from 'node:fs';
import { permissionsMarkdown } from '../server/platform/auth/permissions-doc';

writeFileSync('docs/permissions.md', permissionsMarkdown());
console.log('wrote docs/permissions.md');
