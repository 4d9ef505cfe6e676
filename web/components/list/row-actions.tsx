import type { ReactNode } from 'react';
import { App, Button, Space, Tooltip } from 'antd';
import { useSession } from '../session/session';
import { can, type Action } from '../session/permissions';
import { testButton } from '../test-button';

/** What a confirm dialog asks before the action runs. */
export interface RowConfirm {
  title: ReactNode;
  content?: ReactNode;
  okText: string;
  cancelText: string;
  danger?: boolean;
}

/**
 * One button of a row: its words, icon and test id (`<testId>-<row id>`), the action the user must
 * hold, the rows it applies to, and what it does — opens the page's dialog, or runs after a confirm.
 */
export interface RowAction<R> {
  key: string;
  label: ReactNode;
  icon?: ReactNode;
  /** `<testId>-<row id>`; a function names the button itself (unique within its row's element). */
  testId: string | ((row: R) => string);
  requires?: Action;
  when?: (row: R) => boolean;
  /** Shown but not for this row (the server would refuse it); `hint` says why on hover. */
  disabled?: (row: R) => boolean;
  hint?: (row: R) => ReactNode;
  /** The row's request is running. */
  loading?: (row: R) => boolean;
  danger?: boolean;
  confirm?: (row: R) => RowConfirm;
  run: (row: R) => unknown;
}

/**
 * A row's declared actions as small link buttons; `renderActions(row)` for the table's column and
 * the card's action bar, `any` for whether the page shows an actions column at all.
 */
export function useRowActions<R extends { id: string }>(
  actions: readonly RowAction<R>[],
  {
    after,
    wrap = true,
  }: {
    /** What follows the buttons (a print link). */
    after?: (row: R) => ReactNode;
    /** Whether the buttons wrap in a narrow column. */
    wrap?: boolean;
  } = {},
) {
  const me = useSession();
  const { modal } = App.useApp();
  const held = actions.filter((a) => a.requires === undefined || can(me, a.requires));

  const click = (action: RowAction<R>, row: R) => {
    if (!action.confirm) {
      void action.run(row);
      return;
    }
    const { title, content, okText, cancelText, danger } = action.confirm(row);
    modal.confirm({
      title,
      content,
      okText,
      cancelText,
      okButtonProps: testButton('confirm-ok', danger ? { danger: true } : {}),
      onOk: async () => {
        await action.run(row);
      },
    });
  };

  const renderActions = (row: R): ReactNode => {
    const shown = held.filter((a) => a.when === undefined || a.when(row));
    const tail = after?.(row);
    if (shown.length === 0 && !tail) return null;
    return (
      <Space size={0} wrap={wrap}>
        {shown.map((a) => {
          const button = (
            <Button
              key={a.key}
              type="link"
              size="small"
              danger={a.danger}
              icon={a.icon}
              disabled={a.disabled?.(row)}
              loading={a.loading?.(row)}
              onClick={() => click(a, row)}
              data-testid={typeof a.testId === 'function' ? a.testId(row) : `${a.testId}-${row.id}`}
            >
              {a.label}
            </Button>
          );
          const hint = a.hint?.(row);
          return hint ? (
            <Tooltip key={a.key} title={hint}>
              {button}
            </Tooltip>
          ) : (
            button
          );
        })}
        {tail}
      </Space>
    );
  };

  return { renderActions, any: held.length > 0 || after !== undefined };
}
