import type { Organisation } from '../../contracts/organisation';

export interface OrgNode {
  org: Organisation;
  children: OrgNode[];
}

const byOrder = (a: OrgNode, b: OrgNode) =>
  a.org.sortOrder - b.org.sortOrder || a.org.name.localeCompare(b.org.name, 'zh-CN');

/**
 * Builds the tree from the flat list. The user may see only part of the country, so any
 * organisation whose parent is not in the list is a root.
 */
export function buildOrgTree(orgs: readonly Organisation[]): OrgNode[] {
  const nodes = new Map<string, OrgNode>();
  for (const org of orgs) nodes.set(org.id, { org, children: [] });
  const roots: OrgNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.org.parentId ? nodes.get(node.org.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sort = (list: OrgNode[]) => {
    list.sort(byOrder);
    for (const node of list) sort(node.children);
  };
  sort(roots);
  return roots;
}

/** The ids of an organisation and everything below it (it cannot move under any of them). */
export function subtreeIds(orgs: readonly Organisation[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const org of orgs) {
    if (org.parentId) children.set(org.parentId, [...(children.get(org.parentId) ?? []), org.id]);
  }
  const ids = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (ids.has(id)) continue;
    ids.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return ids;
}
