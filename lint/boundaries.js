// @ts-check
/**
 * UnionCare's boundary rules, checked by ESLint at any folder depth (lint/boundaries.test.ts
 * proves each one bites two levels down):
 * - module-index-only:      outside a server module only its index.ts is imported
 * - capability-repository:  a capability never imports another capability's repository
 *                           (the module's shared core excepted)
 * - no-query-building:      *.service.ts and *.routes.ts build no queries (repositories do)
 * - feature-isolation:      web/features/<a> never imports web/features/<b>
 */
import path from 'node:path';

/** The project-relative, forward-slashed path of a file or of a relative import from it. */
function projectPath(context, file) {
  return path.relative(context.cwd, file).split(path.sep).join('/');
}
function resolveImport(context, source) {
  if (!source.startsWith('.')) return null;
  return projectPath(context, path.resolve(path.dirname(context.filename), source));
}
/** server/modules/<module>/<rest> → { module, rest[] } */
function moduleParts(p) {
  const m = /^server\/modules\/([^/]+)(?:\/(.*))?$/.exec(p);
  return m ? { module: m[1], rest: m[2] ? m[2].split('/') : [] } : null;
}
const isIndex = (rest) => rest.length === 0 || (rest.length === 1 && /^index(\.ts)?$/.test(rest[0]));

/** Calls every import-like node (import, export … from, dynamic import) with its source. */
function onImports(check) {
  const visit = (node) => {
    if (node.source && typeof node.source.value === 'string') check(node, node.source.value);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression: visit,
  };
}

const moduleIndexOnly = {
  meta: {
    type: 'problem',
    messages: { index: 'Import module "{{module}}" only through its index.ts.' },
    schema: [],
  },
  create(context) {
    const from = moduleParts(projectPath(context, context.filename));
    return onImports((node, source) => {
      const target = resolveImport(context, source);
      const to = target && moduleParts(target);
      if (!to || isIndex(to.rest)) return;
      if (from && from.module === to.module) return;
      context.report({ node, messageId: 'index', data: { module: to.module } });
    });
  },
};

const capabilityRepository = {
  meta: {
    type: 'problem',
    messages: {
      repository:
        'Capability "{{from}}" may not use capability "{{to}}"\'s repository: call its service (or move the query into the shared core).',
    },
    schema: [{ type: 'object', properties: { core: { type: 'array', items: { type: 'string' } } } }],
  },
  create(context) {
    const core = new Set(context.options[0]?.core ?? ['core']);
    const from = moduleParts(projectPath(context, context.filename));
    if (!from || from.rest.length < 2) return {};
    return onImports((node, source) => {
      const target = resolveImport(context, source);
      const to = target && moduleParts(target);
      if (!to || to.module !== from.module || to.rest.length < 2) return;
      const [fromCap, toCap] = [from.rest[0], to.rest[0]];
      if (fromCap === toCap || core.has(toCap)) return;
      if (!/\.repository(\.ts)?$/.test(to.rest.at(-1))) return;
      context.report({ node, messageId: 'repository', data: { from: fromCap, to: toCap } });
    });
  },
};

const QUERY_BUILDERS = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
]);
const noQueryBuilding = {
  meta: {
    type: 'problem',
    messages: {
      query: 'No query building in {{kind}} files: put "{{name}}" in a repository (executor first).',
      sql: 'No raw SQL in {{kind}} files: put it in a repository.',
    },
    schema: [],
  },
  create(context) {
    const kind = /\.(service|routes)\.ts$/.exec(context.filename)?.[1];
    if (!kind) return {};
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
          const name = callee.property.name;
          if (QUERY_BUILDERS.has(name)) context.report({ node, messageId: 'query', data: { kind, name } });
        }
      },
      TaggedTemplateExpression(node) {
        const tag = node.tag;
        const name =
          tag.type === 'Identifier' ? tag.name : tag.type === 'MemberExpression' ? tag.object.name : '';
        if (name === 'sql') context.report({ node, messageId: 'sql', data: { kind } });
      },
    };
  },
};

const featureIsolation = {
  meta: {
    type: 'problem',
    messages: {
      feature:
        'web/features/{{from}} may not import web/features/{{to}}: share through web/components/ (or web/mobile/kit/).',
    },
    schema: [],
  },
  create(context) {
    const from = /^web\/features\/([^/]+)\//.exec(projectPath(context, context.filename))?.[1];
    if (!from) return {};
    return onImports((node, source) => {
      const target = resolveImport(context, source);
      const to = target && /^web\/features\/([^/]+)(\/|$)/.exec(target)?.[1];
      if (to && to !== from) context.report({ node, messageId: 'feature', data: { from, to } });
    });
  },
};

export default {
  meta: { name: 'unioncare-boundaries' },
  rules: {
    'module-index-only': moduleIndexOnly,
    'capability-repository': capabilityRepository,
    'no-query-building': noQueryBuilding,
    'feature-isolation': featureIsolation,
  },
};
