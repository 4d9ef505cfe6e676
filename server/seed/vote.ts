import type { CampaignRules, CampaignTimeline, NominationView } from '../../contracts/vote';
import type { App } from '../app';
import { chinaDate, FakeClock, type Clock } from '../platform/clock';
import type { Platform, RequestContext } from '../platform/platform';
import { makePerson, SeedRng } from './membership';
import { seedVoteBallots } from './vote-ballots';

/**
 * The Shanxi role-model votes (S7b, the seed page), through the vote's own services acting as the
 * demo users:
 *
 * - 新时代最美劳动者 2023 by 山西省总工会 with 中共山西省委宣传部: 42 nominations from the unit
 *   unions (two found ineligible), 40 candidates, 11 days of voting with totals hidden, the raw
 *   votes and the fraud case (seedVoteBallots), the experts' final scores, the result computed by
 *   the published formula and published (公示): 10 named, 30 nominated.
 * - 三晋工匠 of this year: 36 nominations, preliminary expert scores (one expert declares a
 *   conflict), the shortlist of 30 by the rule (3.0 × 10), voting over, now in expert review with
 *   some final scores entered.
 *
 * Time: nominations are only taken while the campaign's nomination window is open on the
 * platform's clock, and each step is stamped with that clock. The 2023 campaign is therefore run
 * in its own time: for the length of this seed the platform's clock is a seed clock set to each
 * step's moment (the audit log and the ids keep their own real clock, so the audit trail says when
 * the seed actually ran), and it is put back before returning. The 工匠 campaign's timeline is
 * laid out around the real clock: voting closed five days ago, the expert review runs ten more days.
 */

export const MODEL_WORKER_TITLE = '2023年山西“新时代最美劳动者”推选活动';
export const VOTE_SEED = 0x5eed0501;
const DAY = 86_400_000;

/** 2023 (China time): the list was announced at the 五一 broadcast. */
const MODEL_TIMELINE: CampaignTimeline = {
  nominationOpens: '2023-02-20T00:00:00+08:00',
  nominationCloses: '2023-03-10T23:59:59+08:00',
  reviewCloses: '2023-03-25T23:59:59+08:00',
  votingOpens: '2023-04-03T00:00:00+08:00',
  votingCloses: '2023-04-13T23:59:59+08:00',
  expertReviewCloses: '2023-04-20T23:59:59+08:00',
  noticeOpens: '2023-04-21T00:00:00+08:00',
  noticeCloses: '2023-04-27T23:59:59+08:00',
};

const MODEL_RULES: CampaignRules = {
  votesPerCandidatePerDay: 1,
  candidatesPerDay: 10,
  likesPerDay: 20,
  tiersCounted: ['member', 'public'],
  showTotals: 'hidden',
  formula: { publicWeight: 30, expertWeight: 70, normalisation: 'max' },
  shortlistFactorTenths: 40,
  finalCount: 10,
  nominatedCount: 30,
  allowOnlineRecommendation: false,
  allowSelfNomination: false,
  zeroOnConfirmedFraud: true,
};

const CRAFT_RULES: CampaignRules = {
  votesPerCandidatePerDay: 1,
  candidatesPerDay: 5,
  likesPerDay: 10,
  tiersCounted: ['member', 'public'],
  showTotals: 'live',
  formula: { publicWeight: 30, expertWeight: 70, normalisation: 'max' },
  shortlistFactorTenths: 30,
  finalCount: 10,
  nominatedCount: 20,
  allowOnlineRecommendation: true,
  allowSelfNomination: false,
  zeroOnConfirmedFraud: true,
};

/** Which staff nominate for a unit: the unit's own cadre (太钢), else its city federation's staff. */
const NOMINATOR: Record<string, string> = {
  taigang: 'tg_cadre',
  jiaomei: 'ty_staff',
  jiantou: 'ty_staff',
  ty_bus: 'ty_staff',
  ty_hospital: 'ty_staff',
  taiyuan: 'ty_staff',
  jinneng: 'dt_staff',
  tongmei: 'dt_staff',
  datong: 'dt_staff',
  zhongyang: 'll_staff',
  lanxian_edu: 'll_staff',
  lvliang: 'll_staff',
};

/** The county a nominee's ID number is from, by nominating organisation. */
const COUNTY: Record<string, string> = {
  taigang: '140108',
  jiaomei: '140109',
  jiantou: '140105',
  ty_bus: '140106',
  ty_hospital: '140110',
  taiyuan: '140107',
  jinneng: '140213',
  tongmei: '140214',
  datong: '140212',
  zhongyang: '141129',
  lanxian_edu: '141127',
  lvliang: '141102',
};

interface Nominee {
  org: string;
  unit: string;
  job: string;
  female?: boolean;
  story: string;
  achievements: string;
  /** Found ineligible at the review, with this reason. */
  ineligible?: string;
}

/** 新时代最美劳动者: 42 nominations; the stories are invented for the demo. */
export const MODEL_NOMINEES: readonly Nominee[] = [
  {
    org: 'taigang',
    unit: '太钢集团炼钢二厂',
    job: '转炉炉长',
    story:
      '在转炉炉前站了二十六年，摸索出“看火花、听炉声”的终点判断法，一次倒炉命中率从七成提高到九成以上，带出的徒弟有十一人成了炉长。',
    achievements: '山西省劳动模范；全国钢铁行业技术能手',
  },
  {
    org: 'taigang',
    unit: '太钢不锈冷轧厂',
    job: '轧机主操',
    female: true,
    story:
      '带领女子轧钢班攻关“手撕钢”表面质量，三年里记满四十多本操作笔记，把0.02毫米超薄带钢的成材率提高了12个百分点。',
    achievements: '全国三八红旗手；太钢首席技能专家',
  },
  {
    org: 'taigang',
    unit: '太钢集团设备部',
    job: '高级点检员',
    story:
      '负责热连轧线的设备点检，建立了四千多个测点的“设备健康档案”，连续五年主线设备零重大故障，为企业减少停机损失上千万元。',
    achievements: '山西省五一劳动奖章',
  },
  {
    org: 'jiaomei',
    unit: '山西焦煤西山煤电马兰矿',
    job: '综采队队长',
    story:
      '扎根井下二十年，带领综采队实现智能化工作面常态化运行，班组连续3000天安全生产无事故，被工友称为“井下定盘星”。',
    achievements: '全国煤炭工业劳动模范',
  },
  {
    org: 'jiaomei',
    unit: '山西焦煤汾西矿业',
    job: '瓦斯检查工',
    story:
      '每天在井下走十几公里巷道，二十二年记录瓦斯数据二十余万个，从未漏检一处，先后发现并排除重大隐患十七起。',
    achievements: '山西省劳动模范',
  },
  {
    org: 'jiaomei',
    unit: '山西焦煤霍州煤电',
    job: '机电队电工班长',
    story:
      '自学PLC编程，带领班组改造井下排水系统，实现无人值守，每年节电三百多万千瓦时，班组创新成果获国家专利9项。',
    achievements: '全国青年岗位能手',
  },
  {
    org: 'jiantou',
    unit: '山西建投一建集团',
    job: '项目总工程师',
    story: '主持太原多座立交桥和保障房项目的技术攻关，首创的装配式叠合板施工工法缩短工期四成，被全省推广。',
    achievements: '山西省五一劳动奖章；省级工法3项',
  },
  {
    org: 'jiantou',
    unit: '山西建投安装集团',
    job: '焊工',
    story:
      '在高空管廊上焊了二十年，焊缝一次探伤合格率始终保持100%，参加全国焊接大赛获一等奖，又把绝活毫无保留地教给了八十多名青工。',
    achievements: '全国技术能手；三晋技术能手',
  },
  {
    org: 'jiantou',
    unit: '山西建投路桥集团',
    job: '测量班班长',
    female: true,
    story:
      '扛着仪器走遍太行山区的施工便道，五年完成两条高速公路三百多公里的控制测量，误差均在毫米级，被称为“太行山上的女测量员”。',
    achievements: '山西省三八红旗手',
  },
  {
    org: 'ty_bus',
    unit: '太原公交集团一公司1路车队',
    job: '公交驾驶员',
    story:
      '驾驶公交车二十四年安全行驶一百二十万公里，车厢里常备老花镜、雨伞和急救包，乘客送来的锦旗挂满了车队荣誉墙。',
    achievements: '全国交通运输行业文明职工',
  },
  {
    org: 'ty_bus',
    unit: '太原公交集团新能源车队',
    job: '维修技师',
    story:
      '带领维修班攻克新能源公交电池管理系统故障诊断难题，自制的检测工装让单车维修时间由两天缩短到三小时。',
    achievements: '太原市劳动模范',
  },
  {
    org: 'ty_hospital',
    unit: '山西白求恩医院重症医学科',
    job: '护士长',
    female: true,
    story:
      '在重症监护室工作十九年，建立了危重患者早期预警护理流程，疫情期间两次带队驰援，被患者家属称为“ICU里的守护者”。',
    achievements: '全国优秀护士；山西省五一劳动奖章',
  },
  {
    org: 'ty_hospital',
    unit: '山西白求恩医院急诊科',
    job: '急诊科医生',
    story:
      '十五年坚守急诊一线，牵头建成全省首批胸痛中心快速通道，使急性心梗患者从入院到救治的时间缩短到六十分钟以内。',
    achievements: '山西省优秀医师',
  },
  {
    org: 'ty_hospital',
    unit: '山西白求恩医院社区卫生服务站',
    job: '全科护士',
    female: true,
    story: '为辖区三百多位失能老人建立上门护理档案，风雨无阻走街入户，八年累计上门服务一万二千多人次。',
    achievements: '太原市最美护士',
  },
  {
    org: 'jinneng',
    unit: '晋能控股煤业塔山煤矿',
    job: '掘进队队长',
    story:
      '带领掘进队创下月进尺1500米的全国同类矿井纪录，坚持“班前讲安全、班后讲技术”，队里没有一名工人因工受伤。',
    achievements: '全国五一劳动奖章',
  },
  {
    org: 'jinneng',
    unit: '晋能控股电力集团塔山电厂',
    job: '集控运行值长',
    story:
      '在燃煤电厂集控室工作十八年，主导机组深度调峰改造，让机组在迎峰度夏期间稳定运行，保障了晋北地区的民生供电。',
    achievements: '山西省劳动模范',
  },
  {
    org: 'jinneng',
    unit: '晋能控股装备制造集团',
    job: '液压支架钳工',
    story:
      '从学徒干到首席技师，改进液压支架大修工艺二十多项，支架翻新周期缩短一半，每年为集团节约成本两千余万元。',
    achievements: '三晋技术能手',
  },
  {
    org: 'tongmei',
    unit: '大同煤矿集团同忻煤矿',
    job: '采煤机司机',
    story:
      '操作采煤机二十一年，总结的“割煤九步法”写进了矿上的培训教材，在智能化工作面改造中带头学习远程操控。',
    achievements: '全国煤炭工业技术能手',
  },
  {
    org: 'tongmei',
    unit: '大同煤矿集团矿山救护大队',
    job: '救护中队长',
    story:
      '参加矿山抢险救援六十余次，从井下救出被困人员四十多名，平时带队每天负重训练，保证接警后一分钟出动。',
    achievements: '山西省见义勇为先进个人',
  },
  {
    org: 'tongmei',
    unit: '大同煤矿集团总医院',
    job: '职业病科医生',
    female: true,
    story: '长期为矿工开展尘肺病筛查和康复治疗，推动建立井口健康驿站，十年间义务为一线矿工体检三万多人次。',
    achievements: '大同市劳动模范',
  },
  {
    org: 'zhongyang',
    unit: '中阳钢铁炼铁厂',
    job: '高炉炉长',
    story: '守着高炉度过了十六个春节，带领团队实现高炉长周期稳定顺行，燃料比降到全国同类高炉先进水平。',
    achievements: '吕梁市劳动模范',
  },
  {
    org: 'zhongyang',
    unit: '中阳钢铁能源环保部',
    job: '环保设备主管',
    female: true,
    story: '牵头完成全厂超低排放改造的设备调试，每天记录上百组排放数据，让厂区周边重新看见了蓝天白云。',
    achievements: '山西省生态环境保护先进个人',
  },
  {
    org: 'lanxian_edu',
    unit: '岚县王狮乡中心小学',
    job: '乡村教师',
    female: true,
    story:
      '在山区教学点坚守二十三年，一个人教过全部六个年级，自费为留守儿童办起“周末书屋”，把三百多个孩子送出了大山。',
    achievements: '全国优秀教师；山西省最美乡村教师',
  },
  {
    org: 'lanxian_edu',
    unit: '岚县职业中学',
    job: '农学专业教师',
    story:
      '把课堂搬到田间地头，推广马铃薯脱毒种薯种植技术，带动全县两千多户农户增收，学生中有一半回乡当了新型农民。',
    achievements: '吕梁市优秀教师',
  },
  {
    org: 'taiyuan',
    unit: '太原市环境卫生服务中心',
    job: '环卫工人',
    female: true,
    story:
      '凌晨四点上岗清扫迎泽大街十七年，拾到财物从不留为己有，还发起“环卫爱心早餐”，让一线环卫工人吃上热饭。',
    achievements: '全国城市环卫系统先进工作者',
  },
  {
    org: 'taiyuan',
    unit: '太原市邮政分公司',
    job: '乡邮投递员',
    story:
      '骑着摩托车跑遍阳曲县山区的邮路，每年投递里程四万多公里，还帮村里老人代缴电费、代购药品，被村民称为“流动的便民站”。',
    achievements: '全国邮政系统劳动模范',
  },
  {
    org: 'taiyuan',
    unit: '太原市消防救援支队',
    job: '消防站站长',
    story:
      '从警十八年参加灭火救援三千余次，带领消防站研究高层建筑灭火战法，多次在火场中第一个冲进去、最后一个撤出来。',
    achievements: '全国119消防奖先进个人',
  },
  {
    org: 'taiyuan',
    unit: '太原铁路局太原机务段',
    job: '动车组司机',
    story:
      '驾驶列车安全行驶两百万公里，总结的平稳操纵法让旅客感受不到起停车冲动，是全段“零违章”时间最长的司机。',
    achievements: '全国铁路劳动模范',
  },
  {
    org: 'taiyuan',
    unit: '山西省农业科学院',
    job: '谷子育种研究员',
    female: true,
    story:
      '三十年培育谷子新品种十二个，“晋谷”系列在全省推广种植数百万亩，她常年住在试验田边，被农民称为“谷子妈妈”。',
    achievements: '全国五一巾帼标兵',
  },
  {
    org: 'taiyuan',
    unit: '太原市小店区即时配送服务站',
    job: '外卖骑手',
    story:
      '送餐途中三次救助突发疾病的老人，又组织骑手成立“小哥志愿队”，为社区独居老人送药送菜，成了新就业形态劳动者的榜样。',
    achievements: '太原市见义勇为先进个人',
  },
  {
    org: 'datong',
    unit: '大同市云冈石窟研究院',
    job: '文物修复师',
    female: true,
    story:
      '与砂岩石雕打了二十年交道，用传统工艺结合三维扫描修复风化佛像上百处，让一千五百年前的微笑重新清晰。',
    achievements: '全国文物系统先进工作者',
  },
  {
    org: 'datong',
    unit: '大同市供电公司',
    job: '带电作业班班长',
    story: '在十千伏带电线路上作业一万多次，带领班组实现不停电检修，为晋北冬季取暖季的供电可靠率提供了保障。',
    achievements: '国家电网劳动模范',
  },
  {
    org: 'datong',
    unit: '大同市第三人民医院',
    job: '乡村巡诊医生',
    story: '每周两次带着药箱下乡巡诊，十二年走遍全市一百多个偏远村庄，为留守老人建立慢病随访档案五千多份。',
    achievements: '山西省优秀乡村医生',
  },
  {
    org: 'datong',
    unit: '大同市黄花产业合作社',
    job: '合作社理事长',
    female: true,
    story: '带领乡亲种植黄花，建起冷链加工车间，让黄花从地头直达全国市场，合作社带动八百多户农户稳定增收。',
    achievements: '全国乡村振兴先进个人',
  },
  {
    org: 'lvliang',
    unit: '吕梁市汾阳杏花村酿酒车间',
    job: '酿酒技师',
    story: '传承清香型汾酒酿造技艺三十年，坚持“看花摘酒”的老手艺，又参与制定了酿造工艺的数字化标准。',
    achievements: '山西省非物质文化遗产传承人',
  },
  {
    org: 'lvliang',
    unit: '吕梁市离石区护工培训中心',
    job: '护工培训讲师',
    female: true,
    story:
      '把“吕梁山护工”从一门手艺做成了一个品牌，八年间培训山区妇女一万多人次，帮助她们走出大山、靠技能就业。',
    achievements: '全国巾帼建功标兵',
  },
  {
    org: 'lvliang',
    unit: '吕梁市公路养护中心',
    job: '养护工区班长',
    story:
      '在吕梁山区的国道上养护道路二十年，冬天带队除雪保通，每年清理塌方落石上百处，守护着山区群众的出行路。',
    achievements: '全国交通运输系统先进工作者',
  },
  {
    org: 'lvliang',
    unit: '吕梁市兴县红枣专业合作社',
    job: '农技员',
    story:
      '推广红枣防裂果栽培技术，一年到头泡在枣园里，帮助枣农亩均增收一千多元，合作社的红枣卖进了大城市超市。',
    achievements: '吕梁市劳动模范',
  },
  {
    org: 'jiaomei',
    unit: '山西焦煤西山煤电屯兰矿',
    job: '安全管理员',
    story: '推行“手指口述”安全确认法，十四年查处违章行为上千次，所在区队连续八年实现安全零事故。',
    achievements: '山西省安全生产先进个人',
  },
  {
    org: 'jinneng',
    unit: '晋能控股煤业同发东周窑煤矿',
    job: '通风工',
    story: '二十年守护矿井“呼吸”，改进局部通风机自动切换装置，杜绝了无计划停风，保障了井下数千名矿工的安全。',
    achievements: '大同市劳动模范',
  },
  {
    org: 'taigang',
    unit: '太钢集团物流公司',
    job: '铁路调车长',
    story: '在厂内铁路调车二十年。',
    achievements: '',
    ineligible: '推荐材料不全：缺少所在单位党组织意见',
  },
  {
    org: 'datong',
    unit: '大同市云州商贸有限公司',
    job: '销售经理',
    story: '多年来业绩突出，带领团队完成销售任务。',
    achievements: '',
    ineligible: '不符合推选条件：非一线劳动者',
  },
];

/** 三晋工匠: 36 nominations; the shortlist's rule keeps 30. */
const CRAFT_JOBS: readonly (readonly [string, string, string, string])[] = [
  ['taigang', '太钢集团炼钢二厂', '炼钢工', '三十年练就“一眼看钢温”的绝活，钢水温度目测误差不超过5℃'],
  ['taigang', '太钢不锈精密带钢公司', '轧钢工', '攻关0.015毫米超薄精密带钢，打破国外技术垄断'],
  ['taigang', '太钢集团技术中心', '理化检验工', '建立不锈钢晶间腐蚀快速检验方法，检验周期从七天缩短到一天'],
  ['taigang', '太钢集团设备部', '电气钳工', '自主研发轧机传动系统故障诊断平台，故障停机时间下降六成'],
  ['jiaomei', '山西焦煤西山煤电', '综采维修电工', '牵头智能化综采工作面的电控系统国产化改造'],
  [
    'jiaomei',
    '山西焦煤汾西矿业',
    '矿井提升机司机',
    '三十年操作提升机安全运行零事故，总结“提升机十二字操作法”',
  ],
  ['jiaomei', '山西焦煤霍州煤电', '洗煤工', '改进重介洗选工艺，精煤回收率提高2.3个百分点'],
  ['jiaomei', '山西焦煤焦化公司', '炼焦工', '优化配煤方案，在保证焦炭质量的前提下每年降低成本三千万元'],
  ['jiantou', '山西建投一建集团', '钢筋工', '首创异形钢筋数控加工方法，在省体育中心项目中一次验收合格'],
  ['jiantou', '山西建投安装集团', '管道焊工', '攻克大口径不锈钢管道全位置焊接难题，焊缝合格率100%'],
  ['jiantou', '山西建投装饰集团', '古建木作工', '参与修缮晋祠、永祚寺等古建筑，传承榫卯营造技艺'],
  ['jiantou', '山西建投路桥集团', '桥梁架设工', '带队完成太行山区高墩大跨桥梁架设，创省内单月架梁纪录'],
  ['ty_bus', '太原公交集团修理厂', '汽车维修工', '研制新能源公交电池均衡维护装置，电池寿命延长两年'],
  [
    'ty_hospital',
    '山西白求恩医院设备科',
    '医疗设备维修工程师',
    '自主维修进口大型影像设备，每年为医院节约维修费数百万元',
  ],
  ['jinneng', '晋能控股装备制造集团', '数控车工', '以0.002毫米精度加工液压支架关键零件，带出全国技术能手3名'],
  ['jinneng', '晋能控股电力集团', '锅炉检修工', '发明锅炉受热面防磨喷涂工艺，机组非停次数降为零'],
  ['jinneng', '晋能控股煤业塔山煤矿', '采煤机司机', '熟练掌握智能化采煤机远程操控，月产量创矿井纪录'],
  ['jinneng', '晋能控股化工集团', '化工仪表工', '完成全厂DCS控制系统升级，仪表自控率达到98%'],
  ['tongmei', '大同煤矿集团机电修配厂', '铸造工', '恢复大型矿山机械铸件的传统砂型铸造工艺'],
  ['tongmei', '大同煤矿集团同忻煤矿', '井下电钳工', '改造井下皮带机集中控制系统，实现一键启停'],
  ['tongmei', '大同煤矿集团铁路公司', '机车电工', '保障运煤专线机车电气系统安全运行二十余年'],
  ['zhongyang', '中阳钢铁炼铁厂', '高炉工长', '优化高炉布料制度，燃料比降低15公斤每吨铁'],
  ['zhongyang', '中阳钢铁轧钢厂', '轧钢调整工', '自主开发螺纹钢负偏差轧制技术，成材率提高1.5个百分点'],
  ['zhongyang', '中阳钢铁动力厂', '电工', '完成全厂余热发电系统改造，年发电量增加四千万千瓦时'],
  ['lanxian_edu', '岚县职业中学', '机电专业实训教师', '带学生参加全国职业院校技能大赛获一等奖'],
  ['taiyuan', '太原重工股份有限公司', '大型铸锻件锻造工', '锻造世界最大直径的轧机支承辊，填补国内空白'],
  ['taiyuan', '太原重工起重机分公司', '起重装配钳工', '参与世界最大单臂架起重机的总装调试'],
  [
    'taiyuan',
    '中国北方发动机研究所',
    '精密装配钳工',
    '以手工研磨达到0.001毫米配合精度，被誉为“精度的守护者”',
  ],
  ['taiyuan', '太原市面食技艺研究会', '面点师', '传承刀削面、剔尖等晋式面食技艺，培训面点学徒五百余人'],
  ['taiyuan', '山西平遥推光漆器厂', '漆器髹饰技师', '坚守推光漆器手工工艺，作品被国家博物馆收藏'],
  ['datong', '大同铜器制作工坊', '铜器锻制技师', '传承大同铜器锻制技艺，复原明代铜火锅制作工艺'],
  ['datong', '中车大同电力机车有限公司', '电力机车总装工', '参与“复兴号”货运电力机车的总装调试'],
  ['datong', '大同市供电公司', '变电检修工', '研制变电站隔离开关带电检修工具，检修效率提高三倍'],
  ['lvliang', '吕梁市汾阳酿酒厂', '酿酒工', '改良地缸发酵控温方法，优质酒出酒率提高5%'],
  ['lvliang', '吕梁市柳林剪纸艺术中心', '剪纸艺人', '把剪纸技艺与文创结合，带动山区妇女居家就业三百多人'],
  ['lvliang', '吕梁市离石区建筑公司', '瓦工', '砌筑清水砖墙平整度误差不超过2毫米，全国技能大赛银牌'],
];

export interface VoteSeedSummary {
  modelWorker: { campaignId: string; candidateIds: string[]; nominations: number };
  craftsman: {
    campaignId: string;
    candidateIds: string[];
    nominations: number;
    conflictNominationId: string;
  };
}

/** Scores in [60, 100] around a base: each criterion a few points off. */
function criteria(rng: SeedRng, base: number) {
  const c = () => Math.max(60, Math.min(100, base + rng.int(-4, 4)));
  return { deeds: c(), innovation: c(), influence: c() };
}

const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

/**
 * Runs `steps` with the platform's clock replaced by `clock`; the real clock is put back after,
 * whatever happens. Only the demo start (before the server listens) and tests call this.
 */
async function withClock<T>(p: Platform, clock: Clock, steps: () => Promise<T>): Promise<T> {
  const real = p.clock;
  p.clock = clock;
  try {
    return await steps();
  } finally {
    p.clock = real;
  }
}

export async function seedVote(
  p: Platform,
  services: App['services'],
  orgs: Map<string, string>,
  users: Map<string, string>,
  as: (username: string) => Promise<RequestContext>,
): Promise<VoteSeedSummary> {
  const now0 = p.clock.now();
  const clock = new FakeClock(MODEL_TIMELINE.nominationOpens);
  return withClock(p, clock, async () => {
    const modelWorker = await seedModelWorker(p, services, orgs, users, as, clock);
    const craftsman = await seedCraftsman(services, orgs, users, as, clock, now0);
    return { modelWorker, craftsman };
  });
}

const EXPERTS = ['sx_expert1', 'sx_expert2', 'sx_expert3', 'sx_expert4', 'sx_expert5'];

async function nominateAll(
  v: App['services']['vote'],
  orgs: Map<string, string>,
  as: (username: string) => Promise<RequestContext>,
  clock: FakeClock,
  campaignId: string,
  rng: SeedRng,
  nominees: readonly Nominee[],
): Promise<NominationView[]> {
  const used = { ids: new Set<string>(), phones: new Set<string>() };
  const out: NominationView[] = [];
  for (const n of nominees) {
    clock.advance(rng.int(2, 9) * 3_600_000);
    const person = makePerson(rng, COUNTY[n.org]!, used, {
      femaleShare: n.female ? 1 : 0,
      bornFrom: 1962,
      bornTo: 1992,
    });
    out.push(
      await v.nominations.submit(await as(NOMINATOR[n.org]!), campaignId, {
        orgId: orgs.get(n.org)!,
        source: 'unit',
        nomineeName: person.name,
        gender: person.gender,
        idNumber: person.idNumber,
        unitName: n.unit,
        jobTitle: n.job,
        story: n.story,
        achievements: n.achievements,
      }),
    );
  }
  return out;
}

async function step(
  v: App['services']['vote'],
  ctx: RequestContext,
  campaignId: string,
  to: 'nominating' | 'reviewing' | 'displaying' | 'voting' | 'expert_review',
) {
  const c = await v.campaigns.get(ctx, campaignId);
  await v.campaigns.advance(ctx, campaignId, { version: c.version, to });
}

async function seedModelWorker(
  p: Platform,
  services: App['services'],
  orgs: Map<string, string>,
  users: Map<string, string>,
  as: (username: string) => Promise<RequestContext>,
  clock: FakeClock,
): Promise<VoteSeedSummary['modelWorker']> {
  const v = services.vote;
  const sx = await as('sx_staff');
  const rng = new SeedRng(VOTE_SEED);
  const t = MODEL_TIMELINE;

  clock.set('2023-02-14T10:00:00+08:00');
  const campaign = await v.campaigns.create(sx, {
    orgId: orgs.get('shanxi')!,
    coOrganisers: ['中共山西省委宣传部'],
    kind: 'model_worker',
    title: MODEL_WORKER_TITLE,
    year: 2023,
    summary:
      '中共山西省委宣传部、山西省总工会联合开展“新时代最美劳动者”推选活动，从全省各条战线推选40名候选人，' +
      '经网络公示投票和专家评审，推选出10名“新时代最美劳动者”，在“五一”国际劳动节发布晚会上发布。',
    timeline: t,
    rules: MODEL_RULES,
  });
  const id = campaign.id;
  for (const e of EXPERTS) await v.experts.assign(sx, id, users.get(e)!);
  clock.set('2023-02-20T09:00:00+08:00');
  await step(v, sx, id, 'nominating');

  const noms = await nominateAll(v, orgs, as, clock, id, rng, MODEL_NOMINEES);

  clock.set('2023-03-11T09:00:00+08:00');
  await step(v, sx, id, 'reviewing');
  for (const [i, n] of noms.entries()) {
    clock.advance(20 * 60_000);
    const reason = MODEL_NOMINEES[i]!.ineligible;
    await v.nominations.review(sx, n.id, {
      version: n.version,
      eligible: !reason,
      reasons: reason ? [reason] : [],
      ...(reason ? { note: '已电话告知推荐单位' } : {}),
    });
  }
  clock.set('2023-03-24T15:00:00+08:00');
  await v.shortlists.draw(sx, id, {});
  clock.set('2023-03-27T09:00:00+08:00');
  await step(v, sx, id, 'displaying');
  clock.set(t.votingOpens);
  await step(v, sx, id, 'voting');
  const candidateIds = (await v.candidates.list(id)).map((c) => c.id);

  // The eleven days' raw votes and the fraud case, stamped inside the window (the clock stands at
  // the last minutes of the voting, so every day of it is in the past).
  clock.set(shift(t.votingCloses, -10 * 60_000));
  await seedVoteBallots(p, services, { campaignId: id, candidateIds, as });

  clock.set('2023-04-14T09:00:00+08:00');
  await step(v, sx, id, 'expert_review');
  // The committee's final scores: every expert scores every candidate.
  const base = new Map(candidateIds.map((c) => [c, rng.int(76, 95)]));
  const cands = await v.candidates.list(id);
  for (const e of EXPERTS) {
    const ctx = await as(e);
    clock.advance(3_600_000);
    for (const c of cands) {
      await v.experts.score(ctx, c.nominationId, {
        stage: 'final',
        criteria: criteria(rng, base.get(c.id)!),
        comment: '',
      });
    }
  }
  clock.set('2023-04-20T16:00:00+08:00');
  const result = await v.results.compute(sx, id);
  clock.set(t.noticeOpens);
  await v.results.publish(sx, id, result.version);
  return { campaignId: id, candidateIds, nominations: noms.length };
}

async function seedCraftsman(
  services: App['services'],
  orgs: Map<string, string>,
  users: Map<string, string>,
  as: (username: string) => Promise<RequestContext>,
  clock: FakeClock,
  now0: Date,
): Promise<VoteSeedSummary['craftsman']> {
  const v = services.vote;
  const sx = await as('sx_staff');
  const rng = new SeedRng(VOTE_SEED + 1);
  // Around the real clock: voting closed five days ago; the expert review runs ten more days.
  const at = (days: number) => new Date(now0.getTime() + days * DAY).toISOString();
  const t: CampaignTimeline = {
    nominationOpens: at(-60),
    nominationCloses: at(-31),
    reviewCloses: at(-17),
    votingOpens: at(-15),
    votingCloses: at(-5),
    expertReviewCloses: at(10),
    noticeOpens: at(11),
    noticeCloses: at(17),
  };
  const year = Number(chinaDate(new Date(t.votingOpens)).slice(0, 4));
  clock.set(at(-65));
  const campaign = await v.campaigns.create(sx, {
    orgId: orgs.get('shanxi')!,
    coOrganisers: ['山西日报社', '山西广播电视台'],
    kind: 'craftsman',
    title: `${year}年度“三晋工匠”年度人物评选`,
    year,
    summary:
      '山西省总工会联合山西日报社、山西广播电视台开展“三晋工匠”年度人物评选，从全省一线职工中推选30名候选人，' +
      '经公众点赞投票和专家评审，评选出10名“三晋工匠”年度人物。',
    timeline: t,
    rules: CRAFT_RULES,
  });
  const id = campaign.id;
  for (const e of EXPERTS) await v.experts.assign(sx, id, users.get(e)!);
  clock.set(shift(t.nominationOpens, 3_600_000));
  await step(v, sx, id, 'nominating');
  const nominees: Nominee[] = CRAFT_JOBS.map(([org, unit, job, deed]) => ({
    org,
    unit,
    job,
    female: ['剪纸艺人', '面点师', '理化检验工'].includes(job),
    story: `${deed}。扎根一线岗位多年，精益求精、传帮带，是同行公认的“大国工匠”式人物。`,
    achievements: rng.pick(['三晋技术能手', '全国技术能手', '山西省五一劳动奖章', '山西省首席技师']),
  }));
  const noms = await nominateAll(v, orgs, as, clock, id, rng, nominees);

  clock.set(shift(t.nominationCloses, 3_600_000));
  await step(v, sx, id, 'reviewing');
  for (const n of noms) {
    clock.advance(10 * 60_000);
    await v.nominations.review(sx, n.id, { version: n.version, eligible: true, reasons: [] });
  }
  // 回避: sx_expert3 declares a conflict with the first 太钢 nominee (his former apprentice).
  const conflicted = noms[0]!;
  await v.experts.declareConflict(await as('sx_expert3'), id, {
    nominationId: conflicted.id,
    reason: '该候选人曾是本人带教的徒弟，申请回避',
  });
  // 初评: every expert scores every nominee they may (the conflict keeps one off one nominee).
  const base = new Map(noms.map((n) => [n.id, rng.int(70, 96)]));
  for (const e of EXPERTS) {
    const ctx = await as(e);
    clock.advance(2 * 3_600_000);
    const mine = await v.experts.myNominees(ctx, id);
    for (const n of mine.items) {
      await v.experts.score(ctx, n.nominationId, {
        stage: 'preliminary',
        criteria: criteria(rng, base.get(n.nominationId)!),
        comment: '',
      });
    }
  }
  clock.set(shift(t.reviewCloses, -3_600_000));
  await v.shortlists.draw(sx, id, {});
  clock.set(shift(t.reviewCloses, 3_600_000));
  await step(v, sx, id, 'displaying');
  clock.set(t.votingOpens);
  await step(v, sx, id, 'voting');
  // The voting is over (five days ago); the expert review runs now, on the real clock.
  clock.set(now0);
  await step(v, sx, id, 'expert_review');
  const cands = await v.candidates.list(id);
  // Some final scores: two experts are done, a third halfway, two have not started.
  for (const [e, share] of [
    ['sx_expert1', 1],
    ['sx_expert2', 1],
    ['sx_expert3', 0.5],
  ] as const) {
    const ctx = await as(e);
    const mine = await v.experts.myNominees(ctx, id);
    for (const n of mine.items.slice(0, Math.ceil(mine.items.length * share))) {
      await v.experts.score(ctx, n.nominationId, {
        stage: 'final',
        criteria: criteria(rng, base.get(n.nominationId)!),
        comment: '',
      });
    }
  }
  return {
    campaignId: id,
    candidateIds: cands.map((c) => c.id),
    nominations: noms.length,
    conflictNominationId: conflicted.id,
  };
}
