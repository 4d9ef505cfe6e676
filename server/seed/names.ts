/**
 * Word lists for the Qingtongxia demo (server/seed/assistance.ts): names, places, schools, health
 * notes, needs and leads. All invented for the demo; nothing here names a real person.
 */

/** Surnames with a weight: Ningxia has many Hui families (马, 丁, 杨, 海, 纳, 锁, 哈…). */
export const SURNAMES: readonly [string, number][] = [
  ['马', 18],
  ['王', 10],
  ['李', 9],
  ['张', 8],
  ['杨', 7],
  ['刘', 6],
  ['陈', 4],
  ['丁', 4],
  ['赵', 3],
  ['海', 2],
  ['纳', 2],
  ['田', 2],
  ['周', 2],
  ['何', 2],
  ['白', 2],
  ['苏', 2],
  ['郭', 2],
  ['吴', 2],
  ['高', 2],
  ['金', 1],
  ['冯', 1],
  ['黄', 1],
  ['罗', 1],
  ['韩', 1],
  ['锁', 1],
  ['哈', 1],
  ['虎', 1],
  ['沙', 1],
  ['拜', 1],
  ['蒋', 1],
  ['俞', 1],
  ['撒', 1],
];

export const MALE_GIVEN: readonly string[] = [
  '建国',
  '志强',
  '海军',
  '学军',
  '永福',
  '进财',
  '国华',
  '建军',
  '振华',
  '玉山',
  '保平',
  '德明',
  '金山',
  '宏伟',
  '福贵',
  '明辉',
  '彦龙',
  '学礼',
  '成林',
  '万军',
  '占山',
  '少军',
  '海龙',
  '宝成',
  '正平',
  '志刚',
  '春生',
  '金龙',
  '忠华',
  '建平',
  '长福',
  '俊杰',
  '耀武',
  '晓东',
  '国庆',
  '天宝',
  '世忠',
  '兴旺',
  '立新',
  '东升',
  '学文',
  '新民',
  '红军',
  '文虎',
  '占林',
  '生荣',
  '继忠',
  '有才',
  '彦明',
  '自强',
  '玉林',
  '全福',
  '进军',
  '小平',
  '卫东',
  '发明',
  '存良',
  '学东',
  '晓军',
  '德才',
];

export const FEMALE_GIVEN: readonly string[] = [
  '秀兰',
  '桂英',
  '海燕',
  '红梅',
  '玉兰',
  '丽娟',
  '晓燕',
  '淑芳',
  '秀英',
  '金花',
  '彩霞',
  '春梅',
  '凤英',
  '玉梅',
  '兰花',
  '小红',
  '丽萍',
  '艳玲',
  '娟娟',
  '雪梅',
  '慧敏',
  '秀珍',
  '月娥',
  '巧云',
  '梅花',
  '翠兰',
  '玉霞',
  '春花',
  '美兰',
  '素琴',
  '桂花',
  '玉芳',
  '海霞',
  '建梅',
  '艳萍',
  '风琴',
  '彩云',
  '丽霞',
  '晓梅',
  '红霞',
  '秀琴',
  '玉琴',
  '金梅',
  '淑琴',
  '文娟',
  '亚琴',
  '瑞芳',
  '小燕',
];

export const CHILD_GIVEN: readonly string[] = [
  '子涵',
  '梓轩',
  '浩然',
  '雨欣',
  '欣怡',
  '宇航',
  '佳怡',
  '一诺',
  '思源',
  '俊熙',
  '梦琪',
  '雅婷',
  '子墨',
  '诗涵',
  '博文',
  '奕辰',
  '若曦',
  '晨阳',
  '嘉怡',
  '天佑',
  '明轩',
  '雨涵',
  '佳豪',
  '思琪',
  '文博',
  '梓萱',
  '浩宇',
  '欣悦',
  '子豪',
  '雨萱',
  '俊杰',
  '瑞雪',
  '志远',
  '可欣',
  '晓宇',
  '紫涵',
];

export const ELDER_MALE_GIVEN: readonly string[] = [
  '占福',
  '有财',
  '万福',
  '德胜',
  '发祥',
  '登科',
  '寿山',
  '玉成',
];
export const ELDER_FEMALE_GIVEN: readonly string[] = [
  '秀英',
  '桂兰',
  '凤兰',
  '玉珍',
  '兰英',
  '翠花',
  '素珍',
  '桂香',
];

/** Qingtongxia's streets and towns (GB/T 2260) with places inside them for addresses. */
export interface Area {
  code: string;
  name: string;
  weight: number;
  urban: boolean;
  places: readonly string[];
}

export const AREAS: readonly Area[] = [
  {
    code: '640381001',
    name: '裕民街道',
    weight: 30,
    urban: true,
    places: ['朝阳社区', '广场社区', '西园社区', '裕西社区', '新华社区', '文化社区'],
  },
  {
    code: '640381100',
    name: '小坝镇',
    weight: 17,
    urban: true,
    places: ['民生社区', '富民社区', '同心社区', '光明村', '立新村', '龙门村'],
  },
  {
    code: '640381101',
    name: '大坝镇',
    weight: 10,
    urban: false,
    places: ['韦桥村', '蒋南村', '蒋东村', '中庄村', '利民村', '新民村'],
  },
  {
    code: '640381102',
    name: '青铜峡镇',
    weight: 9,
    urban: false,
    places: ['河西村', '新华桥村', '同心村', '库区移民新村'],
  },
  {
    code: '640381103',
    name: '叶盛镇',
    weight: 8,
    urban: false,
    places: ['地三村', '五星村', '正鑫村', '叶盛村'],
  },
  {
    code: '640381104',
    name: '瞿靖镇',
    weight: 8,
    urban: false,
    places: ['毛桥村', '瞿靖村', '朝阳村', '玉西村', '蒋滩村'],
  },
  {
    code: '640381105',
    name: '峡口镇',
    weight: 6,
    urban: false,
    places: ['峡口村', '郝渠村', '余桥村', '五道桥村'],
  },
  {
    code: '640381106',
    name: '邵岗镇',
    weight: 6,
    urban: false,
    places: ['邵岗村', '西田村', '甘城子村', '沈闸村'],
  },
  {
    code: '640381107',
    name: '陈袁滩镇',
    weight: 6,
    urban: false,
    places: ['陈袁滩村', '金岸村', '新桥村', '团结村'],
  },
];

export const TEAM_NUMERALS: readonly string[] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export const UNIVERSITIES: readonly string[] = [
  '宁夏大学',
  '宁夏医科大学',
  '北方民族大学',
  '宁夏职业技术学院',
  '宁夏工商职业技术学院',
  '银川能源学院',
];
export const HIGH_SCHOOLS: readonly string[] = [
  '青铜峡市高级中学',
  '青铜峡市第一中学',
  '青铜峡市职业技术学校',
];

/** Health notes: the common ones first; a note makes the household more likely to cite illness. */
export const SERIOUS_ILLNESS: readonly string[] = [
  '慢性肝病，需长期服药',
  '尿毒症，每周透析两次',
  '脑梗后遗症，生活不能自理',
  '癌症术后化疗中',
  '先天性心脏病，待手术',
  '糖尿病并发症，视力下降',
  '肺结核治疗中',
  '类风湿性关节炎，行动不便',
];
export const DISABILITY: readonly string[] = ['肢体残疾二级', '智力残疾三级', '精神残疾二级', '视力残疾一级'];
export const MINOR_HEALTH: readonly string[] = ['高血压', '腰椎间盘突出，不能干重活', '慢性胃炎', '关节炎'];

export const MEMBER_WORK: readonly string[] = [
  '务农',
  '打零工',
  '无业',
  '在家照顾老人',
  '外出务工',
  '环卫临时工',
];

/** What the head does, by situation: goes into the leads text after "本人". */
export const WORK_BY_SITUATION: Record<string, readonly string[]> = {
  migrant_worker: [
    '在宁夏塞上迎鑫农牧有限公司务工',
    '在银川建筑工地打工',
    '在枸杞基地做采摘工',
    '在外地物流园做装卸工',
    '在养殖场做饲养员',
  ],
  flexible_employment: [
    '做外卖骑手',
    '开网约车',
    '做家政服务员',
    '做个体装修工',
    '在零工市场打零工',
    '摆早点摊',
  ],
  unemployed: ['原单位停产后失业', '合同到期后一直未找到工作', '因照顾病人辞去工作', '在企业改制中下岗'],
  union_unit_employee: [
    '在青铜峡市新峡物流有限公司做司机',
    '在青铜峡市第一中学做后勤',
    '在本市一家建材企业做一线工人',
    '在本市一家超市做收银员',
  ],
  social_org_employee: ['在社区养老服务中心做护理员', '在民办幼儿园做保育员', '在公益组织做专职社工'],
  special_group: [
    '戒毒康复后在社区做保洁',
    '刑满释放后打零工',
    '独自抚养孩子，靠打零工维持生活',
    '身有残疾，在家做手工',
  ],
  other: ['在家务农', '做小生意亏损后歇业'],
};

/** Union members screened by the 迎鑫 grassroots union work at the company. */
export const YINGXIN_WORK: readonly string[] = [
  '在宁夏塞上迎鑫农牧有限公司做饲养员',
  '在宁夏塞上迎鑫农牧有限公司做农机手',
  '在宁夏塞上迎鑫农牧有限公司做挤奶工',
];

/** Needs by kind and by what the household is like; each screening records one to three. */
export const NEED_TEXT = {
  living: ['冬季取暖费困难', '家中无稳定收入，日常生活困难', '希望申请临时生活救助', '缺少过冬衣物和米面油'],
  medicalIll: ['希望协调医院开通就医绿色通道', '希望纳入医疗救助', '住院费用自付部分难以承担'],
  medicalWell: ['希望参加免费健康体检'],
  university: ['孩子上大学，学费无着落', '孩子在读大学，希望申请金秋助学'],
  highSchool: ['孩子读高中，住宿费、生活费困难'],
  school: ['孩子上学，希望申请助学金'],
  twoAtSchool: ['两个孩子上学，希望申请助学金'],
  nursery: ['孩子上幼儿园，保育费负担重'],
  employment: ['希望参加家政或电工技能培训', '希望推荐公益性岗位'],
  unemployed: ['本人失业，希望推荐就近就业岗位'],
  spouseJob: ['希望帮助配偶找一份稳定工作'],
  care: ['家中病人需要居家护理'],
  careDisabled: ['残疾家属需要日间照料'],
  careChildren: ['家人住院期间孩子无人照看'],
  psychological: ['家庭变故后情绪低落，需要心理疏导'],
  psychologicalSchool: ['孩子因家庭困难产生厌学情绪'],
  recovery: ['戒毒康复期间需要心理支持'],
  legal: ['被拖欠工资三个月，需要法律援助', '工伤认定遇到困难，需要法律咨询', '劳动合同纠纷，需要维权帮助'],
  housing: ['租住房屋到期，希望申请公租房', '住房为危房，需要改造帮助'],
  crowded: ['一家人挤在两间平房，住房困难'],
} as const;

/** Where a lead came from and what the screener noticed: joined into the leads text. */
export const LEAD_SOURCES: readonly string[] = [
  '邻居反映',
  '本人电话中表示',
  '所在单位工会提供线索',
  '志愿者走访时了解到',
  '社工入户时了解到',
];
export const LEAD_NOTES: readonly string[] = [
  '家中收入不稳定，近几个月靠借钱度日',
  '住房简陋，冬季取暖困难',
  '本人性格内向，不愿主动求助',
  '已申请低保，尚未批复',
  '希望工会帮忙联系就业',
];
export const LEAD_NOTES_SCHOOL: readonly string[] = ['孩子上学开支大，家里已欠下外债'];
export const LEAD_NOTES_UNINSURED: readonly string[] = ['未参加任何社会保险'];

/** Alliance member titles by the kind of their organisation: the first members take the leading posts. */
export const TITLES: Record<string, { lead: readonly string[]; regular: readonly string[] }> = {
  city: {
    lead: ['党组书记、常务副主席', '副主席', '权益保障部部长', '帮扶中心主任'],
    regular: ['权益保障部干事', '帮扶中心干事', '干事'],
  },
  grassroots: { lead: ['工会主席', '工会副主席'], regular: ['工会委员', '女职工委员', '工会干事'] },
  social_work: {
    lead: ['会长', '副会长', '秘书长', '督导'],
    regular: ['中级社工师', '社工', '社工', '社工助理'],
  },
  volunteer: { lead: ['会长', '副会长', '秘书长', '志愿者队长', '志愿者队长'], regular: ['志愿者'] },
  association: { lead: ['会长', '副会长', '秘书长'], regular: ['禁毒社工', '志愿者', '志愿者'] },
};

export const MOBILE_PREFIXES: readonly string[] = [
  '139',
  '138',
  '135',
  '136',
  '150',
  '151',
  '152',
  '157',
  '158',
  '183',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '177',
  '180',
  '181',
  '189',
  '199',
  '191',
  '147',
];
