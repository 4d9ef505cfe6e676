import { useMemo, useRef, type Dispatch, type SetStateAction } from 'react';
import {
  withMember,
  withNeed,
  withNewMember,
  withNewNeed,
  withoutMember,
  withoutNeed,
  withoutPaths,
  withoutRows,
  type FormState,
  type MemberState,
  type NeedState,
} from './form-model';

/**
 * The edits both household forms (the screeners' wizard, the workers' request) make: each changes
 * the form and takes the marks off what it touched. `onAllClear` runs when clearing leaves no mark
 * (the workers' page then drops its "please fix" line).
 */
export function useFormEdits<T>(
  setForm: Dispatch<SetStateAction<FormState>>,
  setMarked: Dispatch<SetStateAction<Record<string, T>>>,
  onAllClear?: () => void,
) {
  const allClear = useRef(onAllClear);
  allClear.current = onAllClear;
  // The same functions on every render (React's setters are stable), so memoised pieces of the
  // form that take them are not re-rendered by a keystroke elsewhere.
  return useMemo(() => {
    const clear = (...paths: string[]) =>
      setMarked((marked) => {
        const next = withoutPaths(marked, paths);
        if (next !== marked && allClear.current && Object.keys(next).length === 0) allClear.current();
        return next;
      });
    return {
      clear,
      set: <K extends keyof FormState>(key: K, value: FormState[K]) => {
        setForm((f) => ({ ...f, [key]: value }));
        clear(key as string);
      },
      setMember: (index: number, patch: Partial<MemberState>) => {
        setForm((f) => withMember(f, index, patch));
        clear(...Object.keys(patch).map((k) => `members.${index}.${k}`));
      },
      setNeed: (index: number, patch: Partial<NeedState>) => {
        setForm((f) => withNeed(f, index, patch));
        clear(...Object.keys(patch).map((k) => `needs.${index}.${k}`));
      },
      addMember: () => {
        setForm(withNewMember);
        clear('householdSize');
      },
      removeMember: (index: number) => {
        setForm((f) => withoutMember(f, index));
        setMarked((marked) => withoutRows(marked, 'members'));
      },
      addNeed: () => setForm(withNewNeed),
      removeNeed: (index: number) => {
        setForm((f) => withoutNeed(f, index));
        setMarked((marked) => withoutRows(marked, 'needs'));
      },
    };
  }, [setForm, setMarked]);
}
