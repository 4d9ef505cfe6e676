import { useCallback } from 'react';
import { useI18n } from '../../app/i18n';
import { useRoles } from './hooks';

/** A role's name in the current language: the server's list first, our dictionary while it loads. */
export function useRoleLabel(): (role: string) => string {
  const { lang, tryT } = useI18n();
  const { data } = useRoles();
  return useCallback(
    (role: string) => {
      const info = data?.items.find((item) => item.role === role);
      if (info) return lang === 'zh' ? info.zh : info.en;
      return tryT(`role.${role}`) ?? role;
    },
    [data, lang, tryT],
  );
}
