// Word lists for the large data generator (scripts/seed-large.ts): places, hospital names,
// people, device models and the phrases engineers write. Kept apart from the SQL so the
// generator reads as a data flow; every list is small and inlined into the SQL as an array.

/** [province, city, tier]: tier 1 = big city (mostly urban sites), 3 = county town (mostly remote). */
export const CITIES: [string, string, 1 | 2 | 3][] = [
  ['北京市', '北京', 1],
  ['上海市', '上海', 1],
  ['广东省', '广州', 1],
  ['广东省', '深圳', 1],
  ['天津市', '天津', 1],
  ['重庆市', '重庆', 1],
  ['四川省', '成都', 1],
  ['湖北省', '武汉', 1],
  ['浙江省', '杭州', 1],
  ['江苏省', '南京', 1],
  ['陕西省', '西安', 2],
  ['湖南省', '长沙', 2],
  ['河南省', '郑州', 2],
  ['山东省', '济南', 2],
  ['山东省', '青岛', 2],
  ['福建省', '福州', 2],
  ['福建省', '厦门', 2],
  ['辽宁省', '沈阳', 2],
  ['辽宁省', '大连', 2],
  ['吉林省', '长春', 2],
  ['黑龙江省', '哈尔滨', 2],
  ['安徽省', '合肥', 2],
  ['江西省', '南昌', 2],
  ['云南省', '昆明', 2],
  ['贵州省', '贵阳', 2],
  ['广西壮族自治区', '南宁', 2],
  ['山西省', '太原', 2],
  ['河北省', '石家庄', 2],
  ['甘肃省', '兰州', 2],
  ['新疆维吾尔自治区', '乌鲁木齐', 2],
  ['内蒙古自治区', '呼和浩特', 2],
  ['河北省', '承德', 3],
  ['河北省', '张家口', 3],
  ['四川省', '绵阳', 3],
  ['四川省', '凉山', 3],
  ['湖南省', '湘西', 3],
  ['云南省', '大理', 3],
  ['甘肃省', '天水', 3],
  ['青海省', '西宁', 3],
  ['西藏自治区', '拉萨', 3],
  ['广西壮族自治区', '百色', 3],
  ['贵州省', '遵义', 3],
  ['江西省', '赣州', 3],
  ['河南省', '南阳', 3],
];

export const HOSPITAL_QUALIFIERS = [
  '',
  '第一',
  '第二',
  '第三',
  '中心',
  '协和',
  '仁爱',
  '同济',
  '友谊',
  '博爱',
  '华康',
  '中西医结合',
  '医科大学附属',
  '妇幼',
  '康复',
];
export const HOSPITAL_TYPES = ['人民医院', '医院', '中心医院', '中医院', '肿瘤医院', '儿童医院', '妇幼保健院', '第一医院'];
export const CLINIC_TYPES = ['病理诊断中心', '医学检验所', '体检中心', '影像诊断中心', '门诊部'];
export const GRADES = ['三级甲等', '三级甲等', '三级乙等', '二级甲等', '二级甲等', '二级乙等', '一级'];
export const ROADS = ['人民路', '解放路', '建设路', '中山路', '健康路', '和平路', '长江路', '新华路', '光明路', '学府路'];

export const DEPARTMENTS = [
  '病理科',
  '放射科',
  '影像科',
  '重症医学科',
  '麻醉科',
  '急诊科',
  '检验科',
  '手术室',
  '心内科',
  '呼吸内科',
  '超声科',
  '放疗科',
  '设备科',
  '内镜中心',
  '新生儿科',
];
export const SECOND_SITES = ['分院', '东院区', '新院区', '南院区'];
export const BUILDINGS = ['门诊楼', '住院部', '医技楼', '急诊楼', '科研楼'];

export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛'.split(
    '',
  );
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红晶颖琳宇浩凯晨欣怡子涵思雨博文佳慧俊峰海燕志刚秀英丹蕾'.split('');

/** [code, name, manufacturer, category, regulatory class, criticality, warranty months] — added to the demo's 8 models. */
export const EXTRA_MODELS: [string, string, string, string, 'I' | 'II' | 'III', 'life_support' | 'critical_diagnostic' | 'standard', number][] = [
  ['ST-3000', '自动染色机 ST-3000', '康仪医疗', 'pathology_stainer', 'I', 'standard', 12],
  ['ST-IHC', '全自动免疫组化染色机 IHC-48', '康仪医疗', 'pathology_stainer', 'I', 'standard', 12],
  ['TP-6000', '组织脱水机 TP-6000', '康仪医疗', 'tissue_processor', 'I', 'standard', 12],
  ['TP-X1', '快速组织处理器 TP-X1', '博远生物', 'tissue_processor', 'I', 'standard', 12],
  ['MT-1800', '轮转式切片机 MT-1800', '康仪医疗', 'microtome', 'I', 'standard', 12],
  ['CM-1950', '冷冻切片机 CM-1950', '博远生物', 'microtome', 'I', 'standard', 12],
  ['EM-300', '组织包埋机 EM-300', '康仪医疗', 'pathology_stainer', 'I', 'standard', 12],
  ['CT-16S', '16排螺旋CT uCT-16S', '联影科技', 'ct', 'III', 'critical_diagnostic', 24],
  ['CT-128', '128层螺旋CT uCT-128', '联影科技', 'ct', 'III', 'critical_diagnostic', 24],
  ['CT-256E', '256排宽体CT uCT-256E', '启明影像', 'ct', 'III', 'critical_diagnostic', 24],
  ['MR-3.0T', '3.0T 超导磁共振 MR-790', '联影科技', 'mri', 'III', 'critical_diagnostic', 24],
  ['MR-0.5T', '0.5T 永磁磁共振 MR-OPEN', '启明影像', 'mri', 'III', 'critical_diagnostic', 18],
  ['DR-600', '数字化X射线摄影系统 DR-600', '启明影像', 'xray', 'II', 'critical_diagnostic', 18],
  ['DR-800', '双立柱 DR 系统 DR-800', '启明影像', 'xray', 'II', 'critical_diagnostic', 18],
  ['DRM-50', '移动式 DR DRM-50', '华诺医学', 'xray', 'II', 'standard', 12],
  ['DSA-9', '数字减影血管造影机 DSA-9', '联影科技', 'xray', 'III', 'critical_diagnostic', 24],
  ['MG-20', '乳腺X射线机 MG-20', '启明影像', 'xray', 'II', 'standard', 12],
  ['US-3000', '彩色多普勒超声 US-3000', '迈德瑞', 'ultrasound', 'II', 'standard', 12],
  ['US-5000', '彩色多普勒超声 US-5000', '迈德瑞', 'ultrasound', 'II', 'standard', 12],
  ['US-7000', '高端彩超 US-7000', '迈德瑞', 'ultrasound', 'II', 'critical_diagnostic', 18],
  ['US-P10', '便携式超声 US-P10', '华诺医学', 'ultrasound', 'II', 'standard', 12],
  ['SV-300', '呼吸机 SV-300', '安康生命', 'ventilator', 'III', 'life_support', 18],
  ['SV-800', '高端重症呼吸机 SV-800', '安康生命', 'ventilator', 'III', 'life_support', 18],
  ['SV-T1', '转运呼吸机 SV-T1', '安康生命', 'ventilator', 'III', 'life_support', 12],
  ['NV-200', '无创呼吸机 NV-200', '迈德瑞', 'ventilator', 'II', 'standard', 12],
  ['HF-60', '高流量呼吸湿化治疗仪 HF-60', '迈德瑞', 'ventilator', 'II', 'standard', 12],
  ['AX-600', '麻醉机 AX-600', '安康生命', 'anesthesia', 'III', 'life_support', 18],
  ['AX-900', '高端麻醉工作站 AX-900', '安康生命', 'anesthesia', 'III', 'life_support', 18],
  ['PM-5000', '多参数监护仪 PM-5000', '安康生命', 'patient_monitor', 'II', 'standard', 12],
  ['PM-7000', '插件式监护仪 PM-7000', '安康生命', 'patient_monitor', 'II', 'critical_diagnostic', 12],
  ['PM-M8', '转运监护仪 PM-M8', '迈德瑞', 'patient_monitor', 'II', 'standard', 12],
  ['CMS-1', '中央监护系统 CMS-1', '安康生命', 'patient_monitor', 'II', 'critical_diagnostic', 12],
  ['IP-100', '输液泵 IP-100', '华诺医学', 'infusion_pump', 'II', 'standard', 12],
  ['IP-200', '输液泵 IP-200', '华诺医学', 'infusion_pump', 'II', 'standard', 12],
  ['SP-500', '注射泵 SP-500', '华诺医学', 'infusion_pump', 'II', 'standard', 12],
  ['EN-30', '肠内营养泵 EN-30', '华诺医学', 'infusion_pump', 'II', 'standard', 12],
  ['LA-TB', '医用直线加速器 TrueBeam', '瓦力医疗', 'linac', 'III', 'critical_diagnostic', 24],
  ['LA-HX', '医用直线加速器 Halcyon', '瓦力医疗', 'linac', 'III', 'critical_diagnostic', 24],
  ['TPS-5', '放疗计划系统 TPS-5', '瓦力医疗', 'linac', 'II', 'standard', 12],
  ['BC-6800', '全自动血细胞分析仪 BC-6800', '迈德瑞', 'laboratory', 'II', 'standard', 12],
  ['CA-800', '全自动生化分析仪 CA-800', '博远生物', 'laboratory', 'II', 'standard', 12],
  ['IA-2000', '化学发光免疫分析仪 IA-2000', '博远生物', 'laboratory', 'II', 'standard', 12],
  ['UR-300', '尿液分析仪 UR-300', '博远生物', 'laboratory', 'II', 'standard', 12],
  ['CG-90', '血气分析仪 CG-90', '博远生物', 'laboratory', 'II', 'critical_diagnostic', 12],
  ['ES-200', '电子内镜系统 ES-200', '华诺医学', 'other', 'II', 'standard', 12],
  ['DF-900', '除颤监护仪 DF-900', '安康生命', 'other', 'III', 'life_support', 18],
  ['ESU-60', '高频电刀 ESU-60', '华诺医学', 'other', 'II', 'standard', 12],
  ['OT-10', '电动手术台 OT-10', '华诺医学', 'other', 'I', 'standard', 12],
  ['SL-5', '手术无影灯 SL-5', '华诺医学', 'other', 'I', 'standard', 12],
  ['ST-9', '脉动真空灭菌器 ST-9', '博远生物', 'other', 'II', 'standard', 12],
  ['IN-70', '婴儿培养箱 IN-70', '迈德瑞', 'other', 'II', 'life_support', 12],
  ['HD-4', '血液透析机 HD-4', '迈德瑞', 'other', 'III', 'life_support', 18],
];

export const FAULTS = [
  '开机无反应，电源指示灯不亮',
  '设备报错无法自检通过',
  '运行中突然停机，报警提示温度过高',
  '显示屏黑屏，触摸无响应',
  '设备异响，机械部件卡顿',
  '图像伪影明显，影响诊断',
  '图像出现条纹，探测器疑似故障',
  '试剂泵不出液，染色不均匀',
  '脱水程序中断，报液位报警',
  '切片厚度不稳定，刀架松动',
  '呼吸机潮气量偏差大，报警频繁',
  '氧浓度传感器报警',
  '血氧探头读数不稳定',
  '监护仪无法联网中央站',
  '输液泵阻塞报警频繁',
  '电池无法充电，断电后立即关机',
  '球管打火，扫描中断',
  '冷却系统漏水',
  '软件升级后无法进入工作界面',
  '打印机无法打印报告',
  '网络通讯故障，无法上传数据',
  '机架旋转异常，报运动故障',
  '磁体液氦压力报警',
  '加速器多叶光栅叶片位置报错',
  '定期保养中发现部件磨损，需要更换',
];

export const CAUSES = [
  '电源模块损坏',
  '主控板通讯故障',
  '温度传感器老化',
  '机械部件磨损',
  '探测器模块故障',
  '泵管老化破损',
  '液位传感器污染',
  '软件配置异常',
  '电池老化',
  '网络线缆松动',
  '用户操作不当',
  '冷却风扇故障',
];

export const ACTIONS = [
  '更换电源模块后测试正常',
  '重新固件升级并恢复配置',
  '更换传感器并校准',
  '清洁保养并更换磨损部件',
  '更换探测器模块并完成校正',
  '更换泵管并冲洗管路',
  '重新插拔线缆并加固',
  '现场培训操作人员，设备恢复正常',
  '更换电池组',
  '更换冷却风扇',
];

export const TEST_RESULTS = ['设备自检通过，运行正常', '连续运行2小时无报警', '质控测试合格', '图像质量测试合格', '试运行正常，客户确认'];

export const URGENCY_UP = ['科室强烈要求尽快处理', '涉及急诊使用，提高优先级', '院方领导要求加急'];
export const URGENCY_DOWN = ['科室有备用设备，可降级处理', '设备可降级使用，按计划处理', '客户同意延后处理'];

export const SAME_DAY_REASONS = ['等待配件到货', '需返厂维修', '需技术支持专家远程协助', '客户要求次日处理', '路途较远当日无法完成'];
