"""Word material of synthetic official texts: places, agencies, topics, actions, laws, and a sentence maker.

Plain data without Django, so that ``bench/search_bench.py`` (which configures Django itself, later)
and ``sunshine.demo.synthetic.records`` (``generate --records``) write the same kind of text.
"""

from __future__ import annotations

import itertools
import random


def _words(text: str) -> list[str]:
    return text.split()


PLACES = _words(
    "阳光市 东城区 西城区 南湖区 北山区 清河县 临江县 高新区 经开区 柳树街道 河畔街道 青石镇 白云镇 "
    "松岭乡 桃源村 新华社区 长安街道 金湾镇 龙泉县 凤凰山 石门镇 梅溪乡 云台区 江北新区"
)
AGENCIES = _words(
    "人民政府 人民政府办公室 发展和改革委员会 教育局 科学技术局 工业和信息化局 公安局 民政局 司法局 "
    "财政局 人力资源和社会保障局 自然资源和规划局 生态环境局 住房和城乡建设局 交通运输局 水利局 "
    "农业农村局 商务局 文化广电旅游体育局 卫生健康委员会 退役军人事务局 应急管理局 审计局 "
    "市场监督管理局 统计局 医疗保障局 城市管理局 行政审批服务局 数据资源管理局 乡村振兴局"
)
ABBREVIATIONS = _words("阳政 阳政办 阳发改 阳教 阳科 阳工信 阳公 阳民 阳司 阳财 阳人社 阳自规 阳环 阳建 阳交")
TOPICS = _words(
    "财政预算 部门决算 义务教育 学前教育 职业教育 城乡居民医疗保险 最低生活保障 危房改造 乡村振兴 "
    "生态环境保护 大气污染防治 河长制 安全生产 食品安全 疫苗接种 公共卫生 养老服务 残疾人保障 "
    "就业创业 人才引进 住房公积金 保障性住房 老旧小区改造 城市更新 道路建设 轨道交通 公共交通 "
    "农村公路 高标准农田 粮食生产 耕地保护 森林防火 防汛抗旱 地质灾害 应急管理 营商环境 政务服务 "
    "一网通办 数字政府 政务公开 信用体系 招标投标 政府采购 国有资产 税收优惠 减税降费 中小企业 "
    "科技创新 知识产权 文化旅游 体育设施 社区治理 物业管理 垃圾分类 污水处理 饮用水安全 "
    "农村人居环境 集体经济 土地征收 房屋征收 拆迁安置 行政许可 行政处罚 行政复议 执法监督 "
    "双随机一公开 市场监管 价格监测 药品安全 医疗机构 家庭医生 健康档案 妇幼保健 传染病防治 "
    "退役军人 优抚安置 社会救助 临时救助 特困供养 儿童福利 未成年人保护 婚姻登记 殡葬管理 "
    "慈善事业 志愿服务 公益岗位 职业技能培训 工资支付 劳动保障监察 社会保险 失业保险 工伤保险 "
    "养老保险 医保基金 异地就医 药品集中采购 校园安全 课后服务 教师招聘 招生入学 学生资助 "
    "校外培训 城乡规划 国土空间规划 不动产登记 矿产资源 林长制 湿地保护 野生动物保护 碳达峰 "
    "节能减排 新能源汽车 充电设施 燃气安全 供水保障 供热 电力保障 通信基站 数字经济 电子商务 "
    "外贸出口 招商引资 重点项目 专项债券 债务管理 统计调查 人口普查 经济普查 审计整改 巡察整改 "
    "信访工作 12345热线 人大代表建议 政协提案 法治政府 规范性文件 公平竞争审查 重大行政决策 "
    "民族宗教 档案管理 地方志 气象服务 人防工程 消防安全 道路交通安全 文物保护 非物质文化遗产"
)
ACTIONS = _words("加强 推进 做好 开展 实施 规范 落实 完善 深化 优化 健全 促进 支持 调整 公布 征求 公示 加快")
GENRES_ZH = {
    "notice": "通知",
    "announcement": "公告",
    "circular": "通告",
    "opinion": "意见",
    "measures": "办法",
    "provisions": "规定",
    "decision": "决定",
    "report": "报告",
    "plan": "规划",
    "programme": "实施方案",
    "reply": "批复",
    "letter": "函",
    "minutes": "会议纪要",
    "interpretation": "政策解读",
    "news": "工作动态",
}
LAWS = _words(
    "中华人民共和国政府信息公开条例 中华人民共和国预算法 中华人民共和国教育法 中华人民共和国安全生产法 "
    "中华人民共和国环境保护法 中华人民共和国社会保险法 优化营商环境条例 社会救助暂行办法"
)
SUBUNITS = _words("区县人民政府 市直各部门 各乡镇人民政府 各街道办事处 各有关单位 各学校 各医疗机构")
MEASURES = _words("项 个 万元 亿元 户 人 公里 亩 所 家")
# Frequent topics come up far more than rare ones (Zipf-like), as in real catalogues.
# The other topics a text mentions are drawn evenly.
TOPIC_CUMULATIVE = list(itertools.accumulate(1 / (rank + 1) ** 0.9 for rank in range(len(TOPICS))))


def sentence(rng: random.Random, topic: str, genre_zh: str) -> str:
    """One sentence of an official text about ``topic``."""
    other = rng.choice(TOPICS)
    action, action2 = rng.choice(ACTIONS), rng.choice(ACTIONS)
    pick = rng.randrange(8)
    if pick == 0:
        return (
            f"为{action}{topic}工作，根据《{rng.choice(LAWS)}》等有关规定，结合本地实际，制定本{genre_zh}。"
        )
    if pick == 1:
        count, measure = rng.randrange(2, 9000), rng.choice(MEASURES)
        return f"{rng.randrange(2016, 2027)}年，全市{topic}工作取得明显成效，累计完成{count}{measure}。"
    if pick == 2:
        return f"{rng.choice(SUBUNITS)}要高度重视{topic}工作，{action2}{other}，确保各项任务落到实处。"
    if pick == 3:
        return f"现将有关事项通知如下：一是{action}{topic}；二是{action2}{other}；三是做好宣传引导。"
    if pick == 4:
        money = rng.randrange(10, 99999) / 10
        return f"{rng.choice(PLACES)}安排{topic}资金{money}万元，重点用于{other}和{rng.choice(TOPICS)}。"
    if pick == 5:
        return f"各单位在执行中遇到的问题，请及时向{rng.choice(PLACES)}{rng.choice(AGENCIES)}反映。"
    if pick == 6:
        year, month, years = rng.randrange(2016, 2027), rng.randrange(1, 13), rng.randrange(2, 6)
        return f"本{genre_zh}自{year}年{month}月1日起施行，有效期{years}年。"
    phone, house = rng.randrange(10000000, 99999999), rng.randrange(1, 300)
    return f"联系电话：0571-{phone}，地址：{rng.choice(PLACES)}人民路{house}号。"
