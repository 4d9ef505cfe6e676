/**
 * Descriptions that sit in the household page's narrow right column (about 450 px on a laptop):
 * one column there, two where the column or the drawer is wide enough.
 */
export const NARROW_COLUMNS = { xs: 1, sm: 2, md: 2, lg: 2, xl: 1, xxl: 2 } as const;
