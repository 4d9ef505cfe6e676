import type { Cause, HouseholdState, RevisitHousehold } from '../../../../contracts/assistance';
import { maskIdTail } from '../../../platform/personal-data/mask';
import type { HouseholdMemberTable, HouseholdTable } from './tables';
import type { Selectable } from 'kysely';

/**
 * A household as a return visit starts from and as a stale visit's conflict shows it: the
 * screening form's fields with identifiers masked (pure mapping of the rows; no database).
 */
export function revisitView(
  h: Selectable<HouseholdTable>,
  members: readonly Selectable<HouseholdMemberTable>[],
  divisionName: (code: string) => string,
): RevisitHousehold {
  return {
    id: h.id,
    version: h.version,
    state: h.state as HouseholdState,
    headName: h.headName,
    idNumberMasked: maskIdTail(h.headIdTail),
    phoneMasked: h.phoneTail,
    situation: h.situation as RevisitHousehold['situation'],
    divisionCode: h.divisionCode,
    divisionName: divisionName(h.divisionCode),
    addressDetail: h.addressDetail,
    householdSize: h.householdSize,
    annualIncomeFen: Number(h.annualIncomeFen),
    rigidExpenseFen: Number(h.rigidExpenseFen),
    causes: JSON.parse(h.causes) as Cause[],
    suddenEvent: h.suddenEvent,
    members: members.map((m) => ({
      relation: m.relation as RevisitHousehold['members'][number]['relation'],
      name: m.name,
      age: m.age,
      school: m.school,
      health: m.health,
      work: m.work,
      monthlyIncomeFen: m.monthlyIncomeFen === null ? null : Number(m.monthlyIncomeFen),
    })),
    lastScreenedOn: h.lastScreenedOn,
  };
}
