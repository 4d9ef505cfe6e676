import { InputNumber, type InputNumberProps } from 'antd';

/** Yuan, typed with at most two decimals; the form converts it to fen. */
export function YuanInput(props: InputNumberProps<number>) {
  return (
    <InputNumber<number>
      min={0}
      max={100_000_000}
      precision={2}
      step={10}
      prefix="¥"
      style={{ width: '100%' }}
      {...props}
    />
  );
}
