import { useCallback } from 'react';
import { App, type FormInstance } from 'antd';
import { isApiError } from '../api/client';
import { useErrorText, useI18n } from '../app/i18n';

/**
 * The server names a failing field as `body.<name>` (schema validation) or `<name>` (a rule in a
 * service). Returns the form field it belongs to, or undefined for fields the form does not show.
 */
function formFieldFor(
  serverField: string,
  fields: readonly string[],
  aliases: Record<string, string>,
): string | undefined {
  const bare = serverField.replace(/^body\./, '');
  const top = bare.split('.')[0] ?? bare;
  const name = aliases[bare] ?? aliases[top] ?? top;
  return fields.includes(name) ? name : undefined;
}

export interface FormErrorOptions {
  /** The form's field names; server errors for other fields are only shown in the toast. */
  fields: readonly string[];
  /** Server field → form field, where they differ (e.g. `divisionCode` → `division`). */
  aliases?: Record<string, string>;
}

/**
 * Shows an API error on a form: each field error next to its field (antd `setFields`) and one
 * toast that says what went wrong overall.
 */
export function useFormErrors(): (form: FormInstance, err: unknown, options: FormErrorOptions) => void {
  const { message } = App.useApp();
  const errorText = useErrorText();
  const { tryT } = useI18n();
  return useCallback(
    (form, err, { fields, aliases = {} }) => {
      if (isApiError(err) && err.fieldErrors.length > 0) {
        const byField = new Map<string, string[]>();
        // Our words beat the server's English: a known field message first (`at least 10
        // characters`), then the error code (`user.username_taken`), then the server's text.
        const coded = err.code === 'request.invalid' ? undefined : tryT(`error.${err.code}`);
        for (const issue of err.fieldErrors) {
          const name = formFieldFor(issue.field, fields, aliases);
          if (!name) continue;
          const text = tryT(`validation.${issue.message}`) ?? coded ?? issue.message;
          byField.set(name, [...(byField.get(name) ?? []), text]);
        }
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
      }
      void message.error(errorText(err));
    },
    [message, errorText, tryT],
  );
}
