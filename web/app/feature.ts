import type { ComponentType } from 'react';
import type { Dictionary } from '../i18n/core';
import type { Requirement } from '../components/session/permissions';
import type { MessageKey } from './messages';

/** The menu's sections, in the order they appear (首页 has no heading). */
export const MENU_GROUPS = ['root', 'alliance', 'vote', 'membership', 'admin'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/** A group's heading in the menu (and, by convention, the first crumb of its pages). */
export const MENU_GROUP_LABELS: Record<Exclude<MenuGroup, 'root'>, MessageKey> = {
  alliance: 'nav.alliance',
  vote: 'nav.vote',
  membership: 'nav.membership',
  admin: 'nav.admin',
};

export interface Crumb {
  key: MessageKey;
  to?: string;
}

/** A page's entry in the side menu. */
export interface MenuEntry {
  group: MenuGroup;
  /** Position inside its group (lower first). */
  order: number;
  icon: ComponentType;
  label: MessageKey;
  testId: string;
}

export interface FeaturePage {
  /** The URL path without the leading slash ('' is the home page); `:id` segments as in react-router. */
  path: string;
  /** Breadcrumbs after 首页. */
  crumbs: Crumb[];
  /** What the user must hold; absent means every signed-in user. */
  requirement?: Requirement;
  /** The page's own menu entry, if it has one. */
  menu?: MenuEntry;
  /** A page without its own entry highlights this page's entry (a detail page names its list). */
  highlights?: string;
  /** Print pages: no menu or header, only the document. */
  bare?: boolean;
  /** The page component, loaded on first visit so the login screen stays small. */
  load: () => Promise<ComponentType>;
  /** Other features whose words this page shows too (their dictionaries load with it). */
  borrows?: string[];
}

/** A menu entry that leaves the back office (a full page load, e.g. the phone pages). */
export interface ExternalLink {
  href: string;
  requirement?: Requirement;
  menu: MenuEntry;
}

/** One system of the back office: everything the shell needs to know about it. */
export interface Feature {
  name: string;
  /** The feature's words (its messages.ts), loaded with its pages and merged before they render. */
  messages: () => Promise<Dictionary>;
  pages: FeaturePage[];
  links?: ExternalLink[];
}

export const defineFeature = (feature: Feature): Feature => feature;

/** The menu key of a page path: the absolute URL of the entry it highlights. */
export const absolute = (path: string): string => `/${path}`;
