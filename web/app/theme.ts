import type { ThemeConfig } from 'antd';

/** Union red: the colour of the ACFTU emblem and of every union office's signboard. */
export const UNION_RED = '#c8102e';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: UNION_RED,
    colorLink: UNION_RED,
    borderRadius: 6,
    // System Chinese fonts first so glyphs match what staff see in their other office software.
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      headerPadding: '0 16px',
      siderBg: '#ffffff',
      bodyBg: '#f5f5f5',
    },
  },
};
