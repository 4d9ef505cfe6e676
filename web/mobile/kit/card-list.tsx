import { Fragment, type ReactNode } from 'react';
import type { Lang } from '../../i18n/core';

/** What a list of cards (members, needs) takes besides its rows: its add button and its most. */
export interface ListAdd {
  label: string;
  testId: string;
  onClick: () => void;
  /** How many rows the contract allows. */
  max: number;
}

/** A list's edits by row, as the page holds them; `cardOf` turns them into one card's props. */
export interface ListEdits<P> {
  /** Each card's title, by its place from 1. */
  title: (n: number) => string;
  /** The message for a form path (`members.0.name`, `needs.1.kind`…), if it has one. */
  errorOf: (path: string) => string | undefined;
  onChange: (index: number, patch: P) => void;
  onRemove: (index: number) => void;
}

/** Row `index`'s card props from the list's: its title, its errors, its edits, the rest as given. */
export function cardOf<P, Rest>(
  list: 'members' | 'needs',
  index: number,
  { title, errorOf, onChange, onRemove, ...rest }: ListEdits<P> & Rest,
) {
  return {
    ...rest,
    index,
    title: title(index + 1),
    errorOf: (field: string) => errorOf(`${list}.${index}.${field}`),
    onChange: (patch: P) => onChange(index, patch),
    onRemove: () => onRemove(index),
  };
}

/** Cards one a row, each removable, and under them the button that adds one (off at the most). */
export function CardList<R extends { key: string }>({
  rows,
  add,
  card,
}: {
  rows: readonly R[];
  add: ListAdd;
  card: (row: R, index: number) => ReactNode;
}) {
  return (
    <>
      {rows.map((row, i) => (
        <Fragment key={row.key}>{card(row, i)}</Fragment>
      ))}
      <button
        type="button"
        className="ms-btn ms-btn-dashed"
        onClick={add.onClick}
        disabled={rows.length >= add.max}
        data-testid={add.testId}
      >
        ＋ {add.label}
      </button>
    </>
  );
}

/** What every card of a list takes from it: its row, its place, its title, errors and edits. */
export interface CardProps<V> {
  value: V;
  index: number;
  title: string;
  errorOf: (field: string) => string | undefined;
  onChange: (patch: Partial<V>) => void;
  onRemove: () => void;
}

/** What a page gives every card of a list alike: test ids, field ids, its words, the language. */
export interface CardSetting<W> {
  /** Test ids are `<prefix>-<i>`, `<prefix>-remove-<i>`, `<prefix>-name-<i>`…: e2e journeys use them. */
  testIdPrefix: string;
  fid: (name: string) => string;
  /** The card's words: each page passes its own dictionary's translate. */
  say: (key: W) => string;
  lang: Lang;
}

/** A list's props: the card's own (test ids, words…), the rows, the edits by row, the add button. */
export type ListProps<V, C extends CardProps<V>> = Omit<C, keyof CardProps<V>> &
  ListEdits<Partial<V>> & { rows: readonly (V & { key: string })[]; add: ListAdd };

/** The list of a card: its rows as cards, errors and edits by row under `list`'s paths. */
export function listOf<V, C extends CardProps<V>>(list: 'members' | 'needs', Card: (props: C) => ReactNode) {
  return function List({ rows, add, ...props }: ListProps<V, C>) {
    return (
      <CardList
        rows={rows}
        add={add}
        card={(row, i) => <Card {...({ ...cardOf(list, i, props), value: row } as unknown as C)} />}
      />
    );
  };
}

/** A card's title with its 删除 link: `<prefix>-remove-<i>` for the e2e journeys. */
export function CardLegend({
  title,
  removeLabel,
  onRemove,
  testId,
}: {
  title: string;
  removeLabel: string;
  onRemove: () => void;
  testId: string;
}) {
  return (
    <legend className="ms-card-title">
      {title}
      <button type="button" className="ms-link ms-danger" onClick={onRemove} data-testid={testId}>
        {removeLabel}
      </button>
    </legend>
  );
}
