/** `kequn clv --help`: sub-commands, options and the exact conventions, in both languages. */
export const CLV_HELP = {
  zh: `子命令：
  fit       拟合模型：生成客户数据集（每位客户一行）、CLV 分层细分和模型记录
  show      查看已保存的模型（--model ID；--json 输出全部内容）
  list      列出项目中的模型（可用 --dataset 筛选）
  simulate  按已知参数生成模拟交易文件（测试、演示、基准；不需要 --project）

fit 选项：
  --dataset D --customer 列 --date 列 --amount 列 [--order 订单号列]
  --unit day|week|month       时间单位（默认 day；week = 7 天，month = 30.4375 天）
  --calibration-end 日期      校准期最后一天（含当天；默认为最后一笔购买的日期）
  --holdout-end 日期          验证期最后一天（含当天）；给出后输出预测与实际的对比
  --horizon 月数              CLV 期限（默认 12）
  --discount 比率             月折现率（默认 0.01，即每月 1%）
  --margin 比率               利润率（默认 1，即按收入计算 CLV）
  --predict 单位数            “预计购买次数”的预测期（默认等于 CLV 期限：365 天 / 52 周 / 12 月）
  --tiers N                   CLV 分层档数（默认 5，即五分位）
  --alive 概率                RFM 交叉中“可能仍活跃”的阈值（默认 0.5）
  --returns exclude|net       退货处理（默认 exclude）
  --name 名称                 新客户数据集的名称（默认 CLV-<数据集>）

口径（与 Fader, Hardie & Lee 2005 及 BTYD 一致）：
  · 购买以“天”计：同一客户同一天的多笔订单算一次购买，金额相加。订单号列只用于识别 C 开头的取消单。
  · x = 校准期内首购之后的购买天数（重复购买次数）；tₓ = 末次购买 − 首次购买；T = 校准期结束日 − 首次购买；
    以所选单位计、保留小数（例：1997-01-01 首购、校准期到 1997-09-30 → T = 272 天 = 38.86 周）。
  · 重复购买均额 = 首购日之后各购买日金额的平均值（首购日不计入）。
  · P(活跃)、预计购买次数：BG/NBD；没有重复购买的客户按模型假设 P(活跃) = 1。
  · 预计客单价：Gamma-Gamma，只用重复购买均额为正的客户估计；|购买次数与均额的相关系数| ≥ 0.3 时提示独立性假设可能不成立。
  · CLV = 利润率 × 预计客单价 × Σ(第 k 个月的预计购买次数 ÷ (1 + 月折现率)^k)，k = 1 … 期限月数。
  · 退货（负金额，或订单号以 C 开头）：exclude 不计入；net 从重复购买金额中扣减（不低于 0），但从不算作购买。
  · 客户数据集中的 R(天)、F、M 与 RFM 指标同义（分析日期 = 校准期结束日的次日，F 为购买天数），RFM细分 按均值阈值划分；
    RFM 交叉中“可能仍活跃”只统计有重复购买且 P(活跃) ≥ 阈值的客户。
  · CLV 分层：按 CLV 从高到低排名，档次 = floor(档数 × 名次 ÷ 人数) + 1，CLV 相同的客户取较高的一档。
  · 模型用 4 个起点（Gamma-Gamma 3 个）在对数参数空间做 BFGS 最大似然，报告各起点结果、收敛情况和标准误；
    客户超过 100,000 位时，各起点先在 100,000 位客户的系统抽样上估计，最优解再用全部客户精修。
  · 至少需要 20 位客户、5 位有重复购买的客户，否则报错 CLV_INVALID 且不写入任何内容。

simulate 选项：
  --out 文件 --customers N [--format fixed|csv]（fixed：无表头、空格对齐、yyyymmdd 日期，同 CDNOW 文件）
  [--seed 1] [--unit week] [--r 0.243 --alpha 4.414 --a 0.793 --b 2.426 --p 6.25 --q 3.74 --gamma 15.44]
  [--start 1997-01-01] [--acquisition-days 84] [--days 546]   （参数默认为 CDNOW 的发表值，单位为周）`,
  en: `Sub-commands:
  fit       fit the models: a customer dataset (one row per customer), a CLV tiers segmentation and the model record
  show      show a saved model (--model ID; --json prints all of it)
  list      list the project's models (filter with --dataset)
  simulate  write a file of simulated transactions from known parameters (tests, demos, benchmarks; no --project)

fit options:
  --dataset D --customer COL --date COL --amount COL [--order ORDER_ID_COL]
  --unit day|week|month       time unit (default day; week = 7 days, month = 30.4375 days)
  --calibration-end DATE      last day of calibration (inclusive; default the last purchase day)
  --holdout-end DATE          last day of the holdout (inclusive); adds predicted-vs-actual validation
  --horizon MONTHS            CLV horizon (default 12)
  --discount RATE             monthly discount rate (default 0.01 = 1% a month)
  --margin SHARE              margin (default 1 = CLV in revenue terms)
  --predict UNITS             period of "expected purchases" (default the CLV horizon: 365 days / 52 weeks / 12 months)
  --tiers N                   number of CLV tiers (default 5 = quintiles)
  --alive P                   "likely alive" threshold in the RFM cross (default 0.5)
  --returns exclude|net       returns rule (default exclude)
  --name NAME                 name of the new customer dataset (default CLV-<dataset>)

Conventions (as Fader, Hardie & Lee 2005 and BTYD):
  · A purchase is a purchase DAY: a customer's orders on one day are one purchase, amounts added. The order id
    column is only used to recognise cancelled invoices (ids starting with C).
  · x = purchase days after the first one in calibration (repeat purchases); tₓ = last − first purchase;
    T = calibration end − first purchase; in the chosen unit as fractions (first purchase 1997-01-01, calibration
    to 1997-09-30 → T = 272 days = 38.86 weeks).
  · Mean repeat spend = mean value of the purchase days after the first (the first day is left out).
  · P(alive) and expected purchases: BG/NBD; customers without repeat purchases have P(alive) = 1 by the model's assumption.
  · Expected spend: Gamma-Gamma, fitted on repeat customers with a positive mean spend; |corr(purchases, mean spend)| ≥ 0.3
    warns that its independence assumption looks violated.
  · CLV = margin × expected spend × Σ (expected purchases in month k ÷ (1 + monthly rate)^k), k = 1 … horizon months.
  · Returns (negative amounts, or order ids starting with C): exclude leaves them out; net takes them off the repeat spend
    (not below 0) but they are never purchases.
  · R(天), F, M in the customer dataset mean what the RFM preset means (analysis date = the day after calibration end;
    F = purchase days); RFM细分 uses mean thresholds. "Likely alive" in the RFM cross counts repeat customers with
    P(alive) ≥ the threshold.
  · CLV tiers: ranked by CLV, highest first; tier = floor(tiers × position ÷ customers) + 1; equal CLVs share the better tier.
  · Maximum likelihood by BFGS in log-parameter space from 4 starts (Gamma-Gamma: 3); every start's result, convergence
    and standard errors are reported. Above 100,000 customers the starts run on a systematic sample of 100,000 and the
    best is refined on all customers.
  · Needs at least 20 customers and 5 with repeat purchases; otherwise CLV_INVALID and nothing is written.

simulate options:
  --out FILE --customers N [--format fixed|csv] (fixed: no header, whitespace-aligned, yyyymmdd dates, like the CDNOW file)
  [--seed 1] [--unit week] [--r 0.243 --alpha 4.414 --a 0.793 --b 2.426 --p 6.25 --q 3.74 --gamma 15.44]
  [--start 1997-01-01] [--acquisition-days 84] [--days 546]   (defaults: the published CDNOW values, in weeks)`,
};
