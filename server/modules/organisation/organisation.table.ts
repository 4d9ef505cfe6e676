import type { Selectable } from 'kysely';
import type { OrganisationTable } from './tables';
import type { Organisation } from '../../../contracts/organisation';

export type OrganisationRow = Selectable<OrganisationTable>;

export function toOrganisation(row: OrganisationRow, divisionName: (code: string) => string): Organisation {
  return {
    id: row.id,
    parentId: row.parentId,
    path: row.path,
    depth: row.depth,
    kind: row.kind as Organisation['kind'],
    caringKind: row.caringKind as Organisation['caringKind'],
    name: row.name,
    divisionCode: row.divisionCode,
    divisionName: divisionName(row.divisionCode),
    jurisdictionId: row.jurisdictionId,
    status: row.status as Organisation['status'],
    contactPerson: row.contactPerson,
    address: row.address,
    sortOrder: row.sortOrder,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
