import { describe, expect, it } from 'vitest';
import { declareChart } from './chart-card';

interface Answer {
  slices: { key: string; value: number }[];
}
type Target = { key: string };

const pie = declareChart<Answer, { scale: number }, Target, Answer['slices'], Answer['slices'][number]>({
  name: 'slices',
  title: () => 'Slices',
  kind: 'pie',
  query: (data) => data.slices,
  series: (slices, ctx) => ({
    rows: slices,
    rowKey: (s) => s.key,
    columns: [],
    option: { series: [{ type: 'pie', data: slices.map((s) => s.value * ctx.scale) }] },
    height: 260,
    empty: slices.every((s) => s.value === 0),
    drillRow: (s) => ({ key: s.key }),
  }),
});

const answer: Answer = {
  slices: [
    { key: 'a', value: 1 },
    { key: 'b', value: 2 },
  ],
};

describe('a declared chart card', () => {
  it('maps its slice of the answer through its series', () => {
    const view = pie.view(answer, { scale: 10 });
    expect(view.option).toEqual({ series: [{ type: 'pie', data: [10, 20] }] });
    expect(view.empty).toBe(false);
    expect(view.height).toBe(260);
    expect(pie.view({ slices: [{ key: 'a', value: 0 }] }, { scale: 1 }).empty).toBe(true);
  });

  it("drills into the clicked row's target, and into nothing past the rows", () => {
    const { clickTarget } = pie.view(answer, { scale: 1 });
    expect(clickTarget?.({ seriesIndex: 0, dataIndex: 1, name: 'b' })).toEqual({ key: 'b' });
    expect(clickTarget?.({ seriesIndex: 0, dataIndex: 5, name: '' })).toBeUndefined();
  });

  it('prefers its own click mapping to the row drill', () => {
    const bars = declareChart<Answer, null, Target, Answer['slices'], Answer['slices'][number]>({
      name: 'bars',
      title: () => 'Bars',
      kind: 'stacked-bar',
      query: (data) => data.slices,
      series: (slices) => ({
        rows: slices,
        rowKey: (s) => s.key,
        columns: [],
        option: {},
        height: 240,
        empty: false,
        clickTarget: ({ seriesIndex }) => ({ key: `series-${seriesIndex}` }),
        drillRow: (s) => ({ key: s.key }),
      }),
    });
    expect(bars.view(answer, null).clickTarget?.({ seriesIndex: 3, dataIndex: 0, name: '' })).toEqual({
      key: 'series-3',
    });
  });
});
