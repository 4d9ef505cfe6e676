import type { ReactNode } from 'react';
import { Typography } from 'antd';

/**
 * Every page's title is its one <h1> (Typography.Title level 1), so screen readers and browser
 * tests find it the same way on every page; `extra` holds the page's main buttons.
 */
export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="uc-page-header">
      <Typography.Title level={1} className="uc-page-title">
        {title}
      </Typography.Title>
      {extra ? <div className="uc-page-header-extra">{extra}</div> : null}
    </div>
  );
}
