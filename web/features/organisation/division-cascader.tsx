import { useEffect, useRef, useState } from 'react';
import { Cascader } from 'antd';
import { useT } from '../../app/i18n';
import { useDivisionChildren, type Division } from './hooks';

interface DivisionOption {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: DivisionOption[];
}

const toOption = (division: Division): DivisionOption => ({
  value: division.code,
  label: division.name,
  isLeaf: !division.hasChildren,
});

/** Returns a copy of the tree with `children` hung under the option reached by `path`. */
function attach(
  options: DivisionOption[],
  path: readonly string[],
  children: DivisionOption[],
): DivisionOption[] {
  const [head, ...rest] = path;
  return options.map((option) => {
    if (option.value !== head) return option;
    if (rest.length === 0) return { ...option, children };
    return { ...option, children: attach(option.children ?? [], rest, children) };
  });
}

export interface DivisionCascaderProps {
  /** The chain of codes, province first; the last one is the organisation's division. */
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
  testId?: string;
  disabled?: boolean;
}

/**
 * 行政区划 picker, loaded level by level from /api/divisions so the 40,000-odd GB/T 2260 entries
 * never travel at once. Any level may be chosen: a county federation sits at county level, a
 * community at street level. Codes are never typed by hand.
 */
export function DivisionCascader({ value, onChange, id, testId, disabled }: DivisionCascaderProps) {
  const t = useT();
  const loadChildren = useDivisionChildren();
  const [options, setOptions] = useState<DivisionOption[]>([]);
  const [loading, setLoading] = useState(true);
  // Only the value the form opened with needs preloading; later picks load through loadData.
  const initialChain = useRef(value ?? []);

  // Load the provinces, and the levels under an already chosen value so the Cascader can show it.
  useEffect(() => {
    let cancelled = false;
    const chain = initialChain.current;
    (async () => {
      let tree = (await loadChildren()).map(toOption);
      for (let depth = 0; depth < chain.length - 1; depth += 1) {
        const children = (await loadChildren(chain[depth])).map(toOption);
        tree = attach(tree, chain.slice(0, depth + 1), children);
      }
      if (!cancelled) setOptions(tree);
    })()
      .catch(() => undefined)
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [loadChildren]);

  const loadData = (selected: DivisionOption[]) => {
    const path = selected.map((option) => option.value);
    const target = selected[selected.length - 1];
    if (!target || target.isLeaf || target.children) return;
    void loadChildren(target.value).then((divisions) => {
      setOptions((current) => attach(current, path, divisions.map(toOption)));
    });
  };

  return (
    <Cascader<DivisionOption>
      id={id}
      data-testid={testId}
      options={options}
      value={value}
      onChange={(next) => onChange?.((next ?? []).map(String))}
      loadData={loadData}
      changeOnSelect
      loading={loading}
      disabled={disabled}
      placeholder={t('org.divisionPlaceholder')}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
