import type { Insertable } from 'kysely';
import type { OrganisationTable } from '../modules/organisation';
import type { Role } from '../platform/auth/policy';
import type { Platform } from '../platform/platform';

export const DEMO_PASSWORD = 'UnionCare2026';

export interface OrgSeed {
  key: string;
  parent?: string;
  kind: string;
  caringKind?: string;
  name: string;
  division: string;
  address?: string;
}

/** The Qingtongxia setting from the seed page, plus a second city federation that must stay out of sight. */
const ORGS: OrgSeed[] = [
  { key: 'national', kind: 'national', name: '中华全国总工会', division: '11' },
  { key: 'ningxia', parent: 'national', kind: 'province', name: '宁夏回族自治区总工会', division: '64' },
  { key: 'qtx', parent: 'ningxia', kind: 'city', name: '青铜峡市总工会', division: '640381' },
  {
    key: 'yingxin',
    parent: 'qtx',
    kind: 'grassroots',
    name: '宁夏塞上迎鑫农牧有限公司工会',
    division: '640381101',
  },
  {
    key: 'qtx_school',
    parent: 'qtx',
    kind: 'grassroots',
    name: '青铜峡市第一中学工会',
    division: '640381001',
  },
  {
    key: 'qtx_logistics',
    parent: 'qtx',
    kind: 'grassroots',
    name: '青铜峡市新峡物流有限公司工会',
    division: '640381102',
  },
  { key: 'guxia', parent: 'qtx', kind: 'social_work', name: '古峡社工协会', division: '640381' },
  { key: 'chunyu', parent: 'qtx', kind: 'volunteer', name: '春雨志愿者协会', division: '640381' },
  { key: 'jindu', parent: 'qtx', kind: 'association', name: '青铜峡市禁毒协会', division: '640381' },
  {
    key: 'hospital',
    parent: 'qtx',
    kind: 'caring_unit',
    caringKind: 'hospital',
    name: '青铜峡市人民医院',
    division: '640381001',
  },
  {
    key: 'restaurant',
    parent: 'qtx',
    kind: 'caring_unit',
    caringKind: 'restaurant',
    name: '如在蜀餐饮公司',
    division: '640381001',
  },
  {
    key: 'yumin',
    parent: 'qtx',
    kind: 'caring_unit',
    caringKind: 'street_office',
    name: '裕民街道办事处',
    division: '640381001',
  },
  {
    key: 'yumin_guangchang',
    parent: 'yumin',
    kind: 'caring_unit',
    caringKind: 'community',
    name: '裕民街道广场社区',
    division: '640381001',
  },
  {
    key: 'yumin_chaoyang',
    parent: 'yumin',
    kind: 'caring_unit',
    caringKind: 'community',
    name: '裕民街道朝阳社区',
    division: '640381001',
  },
  { key: 'yinchuan', parent: 'ningxia', kind: 'city', name: '银川市总工会', division: '6401' },
  {
    key: 'yinchuan_bus',
    parent: 'yinchuan',
    kind: 'grassroots',
    name: '银川公交集团工会',
    division: '640104',
  },
];

export interface UserSeed {
  username: string;
  displayName: string;
  org: string;
  roles: Role[];
}

export const DEMO_USERS: UserSeed[] = [
  { username: 'admin', displayName: '平台管理员', org: 'national', roles: ['platform_admin'] },
  { username: 'auditor', displayName: '审计员', org: 'national', roles: ['auditor'] },
  { username: 'nx_reviewer', displayName: '马晓燕', org: 'ningxia', roles: ['upper_reviewer'] },
  { username: 'qtx_staff', displayName: '李静', org: 'qtx', roles: ['federation_staff'] },
  { username: 'yx_cadre', displayName: '杨建国', org: 'yingxin', roles: ['grassroots_cadre'] },
  { username: 'gx_social', displayName: '周红梅', org: 'guxia', roles: ['social_worker'] },
  { username: 'cy_volunteer', displayName: '马文斌', org: 'chunyu', roles: ['volunteer'] },
  { username: 'jd_volunteer', displayName: '丁海燕', org: 'jindu', roles: ['volunteer'] },
  { username: 'rmyy_staff', displayName: '张丽', org: 'hospital', roles: ['caring_unit_staff'] },
  { username: 'rzs_staff', displayName: '陈晓东', org: 'restaurant', roles: ['caring_unit_staff'] },
  { username: 'ym_staff', displayName: '刘芳', org: 'yumin', roles: ['caring_unit_staff'] },
  { username: 'yc_staff', displayName: '王磊', org: 'yinchuan', roles: ['federation_staff'] },
  // 评审专家: an outside reviewer whose account the federation keeps; sees only assigned campaigns.
  { username: 'qtx_expert', displayName: '赵振华', org: 'qtx', roles: ['expert'] },
];

const FEDERATIONS = new Set(['national', 'province', 'city', 'county']);

/**
 * The Shanxi setting (S7b, the seed page): the provincial federation that runs the role-model
 * votes, three city federations and their unit unions, whose members make up the demo roll.
 * Kept apart from the Qingtongxia tree so the test fixtures stay as they are; the demo seed adds it.
 */
export const SHANXI_ORGS: OrgSeed[] = [
  { key: 'shanxi', parent: 'national', kind: 'province', name: '山西省总工会', division: '14' },
  { key: 'taiyuan', parent: 'shanxi', kind: 'city', name: '太原市总工会', division: '1401' },
  { key: 'datong', parent: 'shanxi', kind: 'city', name: '大同市总工会', division: '1402' },
  { key: 'lvliang', parent: 'shanxi', kind: 'city', name: '吕梁市总工会', division: '1411' },
  { key: 'taigang', parent: 'taiyuan', kind: 'grassroots', name: '太钢集团工会', division: '140108001' },
  { key: 'jiaomei', parent: 'taiyuan', kind: 'grassroots', name: '山西焦煤集团工会', division: '140109001' },
  { key: 'jiantou', parent: 'taiyuan', kind: 'grassroots', name: '山西建投工会', division: '140105001' },
  { key: 'ty_bus', parent: 'taiyuan', kind: 'grassroots', name: '太原公交集团工会', division: '140106001' },
  {
    key: 'ty_hospital',
    parent: 'taiyuan',
    kind: 'grassroots',
    name: '山西白求恩医院工会',
    division: '140110001',
  },
  { key: 'jinneng', parent: 'datong', kind: 'grassroots', name: '晋能控股集团工会', division: '140213050' },
  { key: 'tongmei', parent: 'datong', kind: 'grassroots', name: '大同煤矿集团工会', division: '140214001' },
  { key: 'zhongyang', parent: 'lvliang', kind: 'grassroots', name: '中阳钢铁工会', division: '141129100' },
  { key: 'lanxian_edu', parent: 'lvliang', kind: 'grassroots', name: '岚县教育工会', division: '141127100' },
];

export const SHANXI_USERS: UserSeed[] = [
  // The vote organiser: the provincial federation's staff (the campaigns are the province's).
  { username: 'sx_staff', displayName: '韩志刚', org: 'shanxi', roles: ['federation_staff'] },
  { username: 'ty_staff', displayName: '郭丽萍', org: 'taiyuan', roles: ['federation_staff'] },
  { username: 'dt_staff', displayName: '贾文斌', org: 'datong', roles: ['federation_staff'] },
  { username: 'll_staff', displayName: '薛海燕', org: 'lvliang', roles: ['federation_staff'] },
  { username: 'tg_cadre', displayName: '武建华', org: 'taigang', roles: ['grassroots_cadre'] },
  // 三晋工匠 评审委员会: outside reviewers the provincial federation keeps accounts for.
  { username: 'sx_expert1', displayName: '阎振国', org: 'shanxi', roles: ['expert'] },
  { username: 'sx_expert2', displayName: '梁淑琴', org: 'shanxi', roles: ['expert'] },
  { username: 'sx_expert3', displayName: '侯卫东', org: 'shanxi', roles: ['expert'] },
  { username: 'sx_expert4', displayName: '段晓红', org: 'shanxi', roles: ['expert'] },
  { username: 'sx_expert5', displayName: '郝永明', org: 'shanxi', roles: ['expert'] },
];

type OrgRow = Insertable<OrganisationTable>;

/** Inserts organisations (parents first, known ones by key in `known`) and users, audited once. */
async function insertTree(
  p: Platform,
  seeds: { orgs: OrgSeed[]; users: UserSeed[] },
  known: Map<string, OrgRow>,
  what: string,
): Promise<{ orgs: Map<string, OrgRow>; users: Map<string, string> }> {
  const now = p.clock.now().toISOString();
  const all = new Map(known);
  const orgs = new Map<string, OrgRow>();
  for (const o of seeds.orgs) {
    const id = p.ids();
    const parent = o.parent ? all.get(o.parent) : undefined;
    if (o.parent && !parent) throw new Error(`demo seed: unknown parent ${o.parent}`);
    const row: OrgRow = {
      id,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth! + 1 : 0,
      kind: o.kind,
      caringKind: o.caringKind ?? null,
      name: o.name,
      divisionCode: o.division,
      jurisdictionId: FEDERATIONS.has(o.kind) ? id : parent!.jurisdictionId,
      status: 'active',
      contactPerson: null,
      address: o.address ?? null,
      sortOrder: 0,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    orgs.set(o.key, row);
    all.set(o.key, row);
  }
  const users = new Map<string, string>();
  const hashes = await Promise.all(seeds.users.map(() => p.hasher.hash(DEMO_PASSWORD)));
  await p.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('organisation')
      .values([...orgs.values()])
      .execute();
    for (const [i, u] of seeds.users.entries()) {
      const id = p.ids();
      users.set(u.username, id);
      await trx
        .insertInto('appUser')
        .values({
          id,
          orgId: all.get(u.org)!.id,
          username: u.username,
          displayName: u.displayName,
          passwordHash: hashes[i],
          status: 'active',
          mustChangePassword: 0,
          failedLogins: 0,
          lockedUntil: null,
          lastLoginAt: null,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
      await trx
        .insertInto('userRole')
        .values(u.roles.map((role) => ({ userId: id, role })))
        .execute();
    }
    await p.audit.append(
      trx,
      { actor: null, ip: null },
      {
        action: 'system.seed',
        details: { setting: what, organisations: orgs.size, users: seeds.users.length },
      },
    );
  });
  return { orgs, users };
}

/** Creates the demo organisations and one account per role; returns their ids by key. */
export async function seedFoundation(
  p: Platform,
): Promise<{ orgs: Map<string, string>; users: Map<string, string> }> {
  const { orgs, users } = await insertTree(p, { orgs: ORGS, users: DEMO_USERS }, new Map(), 'qingtongxia');
  return { orgs: new Map([...orgs].map(([k, v]) => [k, v.id])), users };
}

/**
 * Adds the Shanxi tree and its accounts under the national federation of `foundation`; the new
 * ids are added to its maps (and returned).
 */
export async function seedShanxiFoundation(
  p: Platform,
  foundation: { orgs: Map<string, string>; users: Map<string, string> },
): Promise<{ orgs: Map<string, string>; users: Map<string, string> }> {
  const nationalId = foundation.orgs.get('national');
  const national = nationalId
    ? await p.db.selectFrom('organisation').selectAll().where('id', '=', nationalId).executeTakeFirst()
    : undefined;
  if (!national) throw new Error('demo seed: the national federation is missing');
  const { orgs, users } = await insertTree(
    p,
    { orgs: SHANXI_ORGS, users: SHANXI_USERS },
    new Map([['national', { ...national, depth: Number(national.depth) }]]),
    'shanxi',
  );
  for (const [k, v] of orgs) foundation.orgs.set(k, v.id);
  for (const [k, v] of users) foundation.users.set(k, v);
  return { orgs: new Map([...orgs].map(([k, v]) => [k, v.id])), users };
}

export function describeDemoUsers(): string {
  return [...DEMO_USERS, ...SHANXI_USERS]
    .map((u) => `  ${u.username.padEnd(14)} ${u.roles.join(',').padEnd(20)} ${u.displayName}`)
    .join('\n');
}
