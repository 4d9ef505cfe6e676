import type { HTMLAttributes, MouseEvent, ReactNode } from 'react';
import { Card, Empty, Grid, Pagination, Spin, Table, type TableProps } from 'antd';
import { useT } from '../../app/i18n';

/** The current page of a server-paged list. */
export interface Paging {
  page: number;
  pageSize: number;
  total: number;
}

/** What a row looks like as a card on a phone. */
export interface RowCard {
  title: ReactNode;
  extra?: ReactNode;
  /** The card's action bar (antd's `actions`). */
  actions?: ReactNode[];
  body: ReactNode;
}

export interface PagedTableProps<R extends { id: string }> {
  rows: R[];
  columns: TableProps<R>['columns'];
  paging: Paging;
  onPage: (page: number, pageSize: number) => void;
  loading: boolean;
  /** What the empty list says instead (a failed load's error text). */
  errorText?: string;
  /** The list's test id; each row or card is `<rowTestIdPrefix>-<id>`. */
  testId: string;
  rowTestIdPrefix: string;
  scrollX: number;
  /** A row as a card, where the screen is too narrow for the table. */
  card: (row: R) => RowCard;
  /** A row's class on a laptop (an overdue row). */
  rowClassName?: (row: R) => string;
  /** What a click on a row opens on a laptop (links and buttons inside it do their own). */
  onRowClick?: (row: R) => void;
  /**
   * A sortable column's header clicked on a laptop: its key and direction (null: the sort cleared).
   * The page keeps the sort with its filters; a page turn still comes through `onPage`.
   */
  onSort?: (columnKey: string | undefined, order: 'ascend' | 'descend' | null) => void;
}

/** A row's test id: antd's onRow takes only known HTML attributes in its type. */
const rowAttributes = (testId: string, onClick?: () => void): HTMLAttributes<HTMLElement> => {
  const attributes = { 'data-testid': testId } as HTMLAttributes<HTMLElement>;
  if (!onClick) return attributes;
  return {
    ...attributes,
    className: 'uc-clickable-row',
    onClick: (e: MouseEvent<HTMLElement>) => {
      if ((e.target as HTMLElement).closest('a,button')) return;
      onClick();
    },
  };
};

/**
 * A server-paged list: a table with a page-size changer on a laptop, the same rows as cards with
 * a simple pager on a phone.
 */
export function PagedTable<R extends { id: string }>({
  rows,
  columns,
  paging,
  onPage,
  loading,
  errorText,
  testId,
  rowTestIdPrefix,
  scrollX,
  card,
  rowClassName,
  onRowClick,
  onSort,
}: PagedTableProps<R>) {
  const t = useT();
  const isMobile = Grid.useBreakpoint().md === false;
  if (isMobile) {
    return (
      <Spin spinning={loading}>
        {rows.length === 0 ? (
          <Empty description={errorText} />
        ) : (
          <div className="uc-card-list" data-testid={testId}>
            {rows.map((row) => {
              const { title, extra, actions, body } = card(row);
              return (
                <Card
                  key={row.id}
                  size="small"
                  data-testid={`${rowTestIdPrefix}-${row.id}`}
                  title={title}
                  extra={extra}
                  actions={actions}
                >
                  {body}
                </Card>
              );
            })}
          </div>
        )}
        <Pagination
          className="uc-card-pagination"
          simple
          current={paging.page}
          pageSize={paging.pageSize}
          total={paging.total}
          onChange={onPage}
        />
      </Spin>
    );
  }
  return (
    <Table<R>
      rowKey="id"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: scrollX }}
      rowClassName={rowClassName}
      onRow={(row) =>
        rowAttributes(`${rowTestIdPrefix}-${row.id}`, onRowClick ? () => onRowClick(row) : undefined)
      }
      locale={errorText !== undefined ? { emptyText: errorText } : undefined}
      onChange={(pagination, _filters, sorter, { action }) => {
        if (action === 'sort' && onSort) {
          const single = Array.isArray(sorter) ? sorter[0] : sorter;
          onSort(
            single?.columnKey === undefined ? undefined : String(single.columnKey),
            single?.order ?? null,
          );
          return;
        }
        onPage(pagination.current ?? 1, pagination.pageSize ?? 20);
      }}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: paging.total,
        showSizeChanger: true,
        showTotal: (total) => t('common.total', { total }),
      }}
      data-testid={testId}
    />
  );
}
