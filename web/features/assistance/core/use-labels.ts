import { useMemo } from 'react';
import { useI18n } from '../../../app/i18n';
import { labelOf, type LabelFn } from './labels';

/** The label function in the back office's current language: `L(SITUATION_LABELS, value)`. */
export function useLabels(): LabelFn {
  const { lang } = useI18n();
  return useMemo(() => labelOf(lang), [lang]);
}
