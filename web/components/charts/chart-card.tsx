import { useMemo, type ReactNode } from 'react';
import { Card, Empty, Table, type TableProps } from 'antd';
import { EChart, type ChartClick, type ChartOption } from './echart';

/** The kinds of chart a card draws (what its option's series are). */
export type ChartKind = 'bar' | 'stacked-bar' | 'line' | 'pie' | 'funnel';

/** What a declaration's series mapping makes of its slice of the answer. */
export interface ChartModel<R, T> {
  /** The figures under the chart, one a row (the same numbers as the canvas). */
  rows: R[];
  rowKey: (row: R) => string;
  columns: TableProps<R>['columns'];
  /** The figures table's height before it scrolls. */
  scrollY?: number;
  option: ChartOption;
  height: number;
  /** Nothing to draw: the card shows its empty state instead of the chart. */
  empty: boolean;
  /** What a click on a bar, point or slice opens (the drill action); undefined for nothing. */
  clickTarget?: (click: ChartClick) => T | undefined;
  /** The drill action where the chart's data follow the rows: a click on the n-th opens this of the n-th row. */
  drillRow?: (row: R) => T;
}

/**
 * One chart card as data: its title, the slice of the answer it reads (the query key), its
 * kind, the series mapping from that slice to the option and the figures, and the drill action.
 * `D` is the whole answer, `C` what the page hands every mapping (words, labels, the drill link),
 * `T` what a click opens.
 */
export interface ChartDeclaration<D, C, T, S, R, X extends string = string> {
  /** Test ids: `<prefix>-chart-<name>` and `<prefix>-empty-<name>`. */
  name: string;
  title: (ctx: C) => string;
  kind: ChartKind;
  query: (data: D) => S;
  series: (slice: S, ctx: C) => ChartModel<R, T>;
  /** The sheet the card's export button asks for; none for no button. */
  exportAs?: X;
  exportTestId?: string;
}

/** What a declared card draws: the option, the drill action and the figures, ready to render. */
export interface ChartView<T> {
  option: ChartOption;
  height: number;
  empty: boolean;
  clickTarget?: (click: ChartClick) => T | undefined;
  figures: ReactNode;
}

/** A declaration with its slice and row types closed over, so that cards of any shape share a list. */
export interface DeclaredChart<D, C, T, X extends string = string> {
  name: string;
  kind: ChartKind;
  title: (ctx: C) => string;
  exportAs?: X;
  exportTestId?: string;
  view: (data: D, ctx: C, figuresClassName?: string) => ChartView<T>;
}

export function declareChart<D, C, T, S, R extends object, X extends string = string>(
  declaration: ChartDeclaration<D, C, T, S, R, X>,
): DeclaredChart<D, C, T, X> {
  const { query, series, ...rest } = declaration;
  return {
    ...rest,
    view: (data, ctx, figuresClassName) => {
      const { rows, rowKey, columns, scrollY, drillRow, clickTarget, ...drawn } = series(query(data), ctx);
      return {
        ...drawn,
        clickTarget:
          clickTarget ??
          (drillRow &&
            (({ dataIndex }) => {
              const row = rows[dataIndex];
              return row === undefined ? undefined : drillRow(row);
            })),
        figures: (
          <Figures
            rows={rows}
            columns={columns}
            rowKey={rowKey}
            scrollY={scrollY}
            className={figuresClassName}
          />
        ),
      };
    },
  };
}

export interface ChartCardProps {
  /** Test ids `<testIdPrefix>-chart-<name>` and `<testIdPrefix>-empty-<name>`. */
  name: string;
  testIdPrefix: string;
  title: string;
  /** The card's extra (an export button). */
  extra?: ReactNode;
  empty: boolean;
  /** What the empty state says. */
  emptyText: ReactNode;
  option: ChartOption;
  height: number;
  onClick?: (click: ChartClick) => void;
  /** The same numbers as a small table, each one a link: drill-down without aiming at a canvas. */
  figures?: ReactNode;
  /** The card's class and its parts' (`<className>`, `…-empty`, `…-figures`). */
  className: string;
}

/** A card with a chart and its figures under it, or an empty state. */
export function ChartCard({
  name,
  testIdPrefix,
  title,
  extra,
  empty,
  emptyText,
  option,
  height,
  onClick,
  figures,
  className,
}: ChartCardProps) {
  return (
    <Card
      size="small"
      title={title}
      className={`${className}-card`}
      data-testid={`${testIdPrefix}-chart-${name}`}
      extra={extra ?? null}
    >
      {empty ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={emptyText}
          className={`${className}-empty`}
          data-testid={`${testIdPrefix}-empty-${name}`}
        />
      ) : (
        <>
          <EChart option={option} height={height} label={title} onClick={onClick} />
          {figures ? <div className={`${className}-figures`}>{figures}</div> : null}
        </>
      )}
    </Card>
  );
}

/** The small table under a chart. */
export function Figures<T extends object>({
  rows,
  columns,
  rowKey,
  scrollY,
  className,
}: {
  rows: T[];
  columns: TableProps<T>['columns'];
  rowKey: (row: T) => string;
  scrollY?: number;
  className?: string;
}) {
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content', y: scrollY }}
      className={className}
    />
  );
}

export interface DeclaredChartCardProps<D, C, T, X extends string> {
  chart: DeclaredChart<D, C, T, X>;
  data: D;
  ctx: C;
  /** Opens what a click targets; undefined where there is no drill-down. */
  onDrill?: (target: T) => void;
  extra?: ReactNode;
  emptyText: ReactNode;
  testIdPrefix: string;
  className: string;
}

/** Draws one declared chart card. */
export function DeclaredChartCard<D, C, T, X extends string>({
  chart,
  data,
  ctx,
  onDrill,
  extra,
  emptyText,
  testIdPrefix,
  className,
}: DeclaredChartCardProps<D, C, T, X>) {
  const view = useMemo(() => chart.view(data, ctx, `${className}-table`), [chart, data, ctx, className]);
  const { clickTarget } = view;
  return (
    <ChartCard
      name={chart.name}
      testIdPrefix={testIdPrefix}
      title={chart.title(ctx)}
      extra={extra}
      empty={view.empty}
      emptyText={emptyText}
      option={view.option}
      height={view.height}
      onClick={
        onDrill && clickTarget
          ? (click) => {
              const target = clickTarget(click);
              if (target !== undefined) onDrill(target);
            }
          : undefined
      }
      figures={view.figures}
      className={className}
    />
  );
}
