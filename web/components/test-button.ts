import type { ButtonProps } from 'antd';

/**
 * antd's confirm dialogs take their buttons' props as an object, where TypeScript refuses a
 * `data-testid` key; it is an ordinary attribute on the button all the same.
 */
export const testButton = (testId: string, extra: ButtonProps = {}): ButtonProps =>
  ({ ...extra, 'data-testid': testId }) as ButtonProps;
