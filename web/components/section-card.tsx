import type { ReactNode } from 'react';
import { Card } from 'antd';

/** A titled part of a page: a card with its title, its extra (buttons on the right) and its body. */
export function SectionCard({
  title,
  extra,
  testId,
  className,
  size,
  children,
}: {
  title?: ReactNode;
  extra?: ReactNode;
  testId?: string;
  className?: string;
  size?: 'small' | 'default';
  children: ReactNode;
}) {
  return (
    <Card title={title} extra={extra} size={size} className={className} data-testid={testId}>
      {children}
    </Card>
  );
}
