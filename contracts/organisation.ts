import { z } from 'zod';
import { Int32, RowVersion, int } from './numbers';
import { Id, IsoDateTime, RequiredText, Text, Version } from './common';

export const FEDERATION_KINDS = ['national', 'province', 'city', 'county'] as const;
export const OrgKind = z.enum([
  'national',
  'province',
  'city',
  'county',
  'grassroots',
  'social_work',
  'volunteer',
  'association',
  'caring_unit',
]);
export type OrgKind = z.infer<typeof OrgKind>;

/**
 * The shape of the union tree: national → province → city → county → grassroots, with partner
 * associations and caring units attached to a city or county federation (a community may sit
 * under its street office). The server enforces it; the web uses it to offer only valid choices.
 */
export const ORG_PARENT_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  national: [],
  province: ['national'],
  city: ['province'],
  county: ['city', 'province'],
  grassroots: ['city', 'county', 'grassroots'],
  social_work: ['city', 'county'],
  volunteer: ['city', 'county'],
  association: ['city', 'county'],
  caring_unit: ['city', 'county', 'caring_unit'],
};

export const CaringKind = z.enum([
  'hospital',
  'restaurant',
  'street_office',
  'community',
  'enterprise',
  'other',
]);
export type CaringKind = z.infer<typeof CaringKind>;

/** GB/T 2260 code: 2 (province), 4 (city), 6 (county) or 9 (township/street) digits. */
export const DivisionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9})$/, 'not a GB/T 2260 division code');

export const Organisation = z.object({
  id: Id,
  parentId: Id.nullable(),
  path: z.string(),
  depth: Int32,
  kind: OrgKind,
  caringKind: CaringKind.nullable(),
  name: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  jurisdictionId: Id,
  status: z.enum(['active', 'inactive']),
  contactPerson: z.string().nullable(),
  address: z.string().nullable(),
  sortOrder: Int32,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  version: RowVersion,
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationList = z.object({ items: z.array(Organisation) });

export const CreateOrganisationBody = z.strictObject({
  parentId: Id,
  kind: OrgKind,
  caringKind: CaringKind.nullable().optional(),
  name: RequiredText(100),
  divisionCode: DivisionCode,
  contactPerson: Text(50).nullable().optional(),
  address: Text(200).nullable().optional(),
  sortOrder: int(0, 100000).optional(),
});

export const UpdateOrganisationBody = z.strictObject({
  version: Version,
  name: RequiredText(100).optional(),
  caringKind: CaringKind.nullable().optional(),
  divisionCode: DivisionCode.optional(),
  contactPerson: Text(50).nullable().optional(),
  address: Text(200).nullable().optional(),
  sortOrder: int(0, 100000).optional(),
});

export const MoveOrganisationBody = z.strictObject({ version: Version, parentId: Id });
export const VersionBody = z.strictObject({ version: Version });

export const OrganisationListQuery = z.strictObject({
  status: z.enum(['active', 'inactive', 'all']).default('all'),
  kind: OrgKind.optional(),
});

export const Division = z.object({
  code: z.string(),
  name: z.string(),
  level: Int32,
  hasChildren: z.boolean(),
});
export const DivisionList = z.object({ items: z.array(Division) });
export const DivisionQuery = z.strictObject({ parent: DivisionCode.optional() });
export const DivisionPath = z.object({ items: z.array(Division) });
export const DivisionParams = z.strictObject({ code: DivisionCode });

/**
 * The problem codes the organisation module answers with (words: web/app/error-messages.ts).
 */
export const ORGANISATION_ERROR_CODES = [
  'division.not_found',
  'org.area_not_yours',
  'org.area_overlap',
  'org.bad_parent',
  'org.caring_kind_not_allowed',
  'org.caring_kind_required',
  'org.division_unknown',
  'org.has_active_children',
  'org.move_into_self',
  'org.name_taken',
  'org.not_found',
  'org.parent_inactive',
  'org.root_fixed',
  'org.stale',
] as const;
