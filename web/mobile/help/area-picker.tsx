import { useQuery } from '@tanstack/react-query';
import { areasUnder, type Area } from './division-data';
import { useMLang } from '../texts';
import { useHT } from './help-texts';

/** Code lengths of the levels: province 2, city 4, county 6, street 9. */
const LEVELS = [2, 4, 6, 9] as const;
const LEVEL_SUFFIX = ['-province', '-city', '', '-2'] as const;
const LEVEL_LABEL = ['area.province', 'area.city', 'area.county', 'area.street'] as const;
const LEVEL_NAMES = {
  'area.province': { zh: '省份', en: 'Province' },
  'area.city': { zh: '城市', en: 'City' },
  'area.county': { zh: '区 / 县', en: 'District / county' },
  'area.street': { zh: '街道 / 乡镇', en: 'Street / town' },
} as const;

function useAreas(parent: string | undefined) {
  return useQuery({
    queryKey: ['help', 'areas', parent ?? ''],
    queryFn: ({ signal }) => areasUnder(parent ?? '', signal),
    enabled: parent !== undefined,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

export interface AreaPickerProps {
  /** The first select gets the id (for its label) and each select a test id:
   * `<testId>-province`, `<testId>-city`, `<testId>` (county), `<testId>-2` (street). */
  id: string;
  testId: string;
  value: string;
  /** `complete`: nothing further to choose below the code (or the levels asked for are done). */
  onChange: (code: string, complete: boolean) => void;
  /** 4: down to the street (a request for help); 3: the county is enough (the self-test). */
  depth?: 3 | 4;
  invalid?: boolean;
  describedBy?: string;
}

/**
 * Native selects, one per level, each appearing once the one above is chosen: the phone's own
 * picker wheel, big enough for a thumb. Like the screener's picker, but for anyone in China.
 */
export function AreaPicker({
  id,
  testId,
  value,
  onChange,
  depth = 4,
  invalid,
  describedBy,
}: AreaPickerProps) {
  const t = useHT();
  const lang = useMLang();
  const chosen = LEVELS.map((n) => (value.length >= n ? value.slice(0, n) : ''));
  const lists = [
    useAreas(''),
    useAreas(chosen[0] || undefined),
    useAreas(chosen[1] || undefined),
    useAreas(depth === 4 ? chosen[2] || undefined : undefined),
  ];
  const find = (level: number, code: string): Area | undefined =>
    lists[level].data?.find((a) => a.code === code);

  const pick = (level: number, code: string) => {
    if (!code) {
      onChange(level === 0 ? '' : chosen[level - 1], false);
      return;
    }
    const area = find(level, code);
    const complete = level + 1 >= depth || !area?.hasChildren;
    onChange(code, complete);
  };

  return (
    <div className="ms-division">
      {LEVELS.slice(0, depth).map((_, level) => {
        if (level > 0) {
          const parent = find(level - 1, chosen[level - 1]);
          if (!chosen[level - 1] || (parent && !parent.hasChildren)) return null;
        }
        const list = lists[level];
        const name = LEVEL_NAMES[LEVEL_LABEL[level]][lang];
        return (
          <select
            key={level}
            id={level === 0 ? id : undefined}
            className="ms-select"
            data-testid={`${testId}${LEVEL_SUFFIX[level]}`}
            aria-label={level === 0 ? undefined : name}
            value={list.data?.some((a) => a.code === chosen[level]) ? chosen[level] : ''}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            disabled={!list.data}
            onChange={(e) => pick(level, e.target.value)}
          >
            <option value="">
              {list.isError
                ? t('error.divisions')
                : list.data
                  ? `${name}：${lang === 'zh' ? '请选择' : 'choose'}`
                  : `${name}…`}
            </option>
            {(list.data ?? []).map((a) => (
              <option key={a.code} value={a.code}>
                {a.name}
              </option>
            ))}
          </select>
        );
      })}
      {lists.some((l) => l.isError) ? (
        <button
          type="button"
          className="ms-link"
          onClick={() => lists.forEach((l) => l.isError && void l.refetch())}
        >
          {t('error.divisions')} · {lang === 'zh' ? '重试' : 'Try again'}
        </button>
      ) : null}
    </div>
  );
}
