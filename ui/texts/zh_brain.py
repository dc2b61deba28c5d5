"""“大脑与人工神经网络”页面的简体中文文本（键 ``brain.*``，与 ``brain.py`` 的 EN 一一对应）。"""

ZH = {
    "brain.nav": "大脑与人工神经网络",
    "brain.title": "真实的神经元与人工神经元并排",
    "brain.lead": "左边是一个漏电积分-发放神经元：它随时间累加输入电流，发放全或无的脉冲。"
                  "右边是所有人工神经网络的基本单元：加权和加上激活函数。改变输入，看看它们各自如何处理。",

    # -- one neuron of each kind ------------------------------------------------
    "brain.lif_title": "脉冲神经元（漏电积分-发放模型）",
    "brain.ann_title": "人工神经元",
    "brain.current": "输入电流 I（nA）",
    "brain.current_help": "注入神经元的恒定电流，单位纳安。低于基强度（{rh:.2f} nA）时，"
                          "膜电位稳定在阈值以下，神经元永远不会发放。",
    "brain.noise": "输入噪声 σ（mV）",
    "brain.noise_help": "随机的输入波动，用它单独作用时给膜电位造成的标准差（单位毫伏）表示。"
                        "有噪声时，神经元即使低于基强度也可能发放。",
    "brain.trace_title": "500 ms 内的膜电位 V（mV）",
    "brain.time_ms": "时间（ms）",
    "brain.v_mv": "膜电位 V（mV）",
    "brain.threshold": "阈值 θ = {v:.0f} mV",
    "brain.rest": "静息 E = {v:.0f} mV",
    "brain.spike_note": "脉冲画成一直到 {v:.0f} mV 的竖线；模型本身没有脉冲形状——"
                        "它只记下发放时刻，并把 V 重置为 {r:.0f} mV。",
    "brain.rate": "发放频率",
    "brain.rate_help": "这 500 ms 内数到的脉冲数，换算成赫兹（每秒脉冲数）。该电流下无噪声的理论值："
                       "{r:.1f} Hz（Dayan & Abbott 2001，式 5.11）。",
    "brain.rheobase": "基强度",
    "brain.rheobase_help": "能使神经元发放的最小恒定电流：(θ − E)/R = "
                           "({th:.0f} − ({e:.0f})) mV / {r:.0f} MΩ（Lapicque 1907；Dayan & Abbott 2001，§5.4）。",
    "brain.params_caption": "模型常数：τ = {tau:.0f} ms，E = {e:.0f} mV，θ = {th:.0f} mV，重置 {vr:.0f} mV，"
                            "不应期 {tref:.0f} ms——取自 Brunel 2000（J Comput Neurosci 8:183），以 −70 mV 为静息电位换算；"
                            "皮层模型中 τ ≈ 10–20 ms（Gerstner et al. 2014，*Neuronal Dynamics*）。"
                            "R = {rm:.0f} MΩ 是本实验室的选择（电容 τ/R = {cap:.0f} pF）。",
    "brain.x": "输入 x{i}",
    "brain.x_help": "第 {i} 个输入：一个普通的数，没有单位，也没有时间。",
    "brain.w": "权重 w{i}",
    "brain.w_help": "输入 {i} 的分量有多重；负权重起抑制作用。与真实神经元不同，"
                    "一个人工单元可以同时有正权重和负权重。",
    "brain.bias": "偏置 b",
    "brain.bias_help": "加到加权和上的常数；它移动激活函数开始“打开”的位置。",
    "brain.activation": "激活函数 f",
    "brain.activation_help": "作用在加权和 z 上的函数。ReLU max(0, z) 和 sigmoid 1/(1 + e^(−z)) 是常用的选择；"
                             "阶跃函数（z ≥ 0 时为 1，否则为 0）就是 1943 年的 McCulloch–Pitts 单元。",
    "brain.ann_bars_title": "加权和 z = Σ wᵢxᵢ + b",
    "brain.term": "w{i}·x{i}",
    "brain.bias_short": "b",
    "brain.z": "z",
    "brain.contribution": "对 z 的贡献",
    "brain.act_title": "输出 y = f(z)",
    "brain.y": "输出 y",
    "brain.ann_result": "z = {z:.2f} → y = f(z) = {y:.3f}",
    "brain.compare_title": "哪些对应，哪些不对应",
    "brain.compare_body":
        "| 人工单元 | LIF 神经元（及其所代表的真实神经元） |\n"
        "|---|---|\n"
        "| 输入 xᵢ：数 | 输入电流，由随时间到达突触的脉冲构成 |\n"
        "| 权重 wᵢ | 突触强度：一个输入脉冲使 V 改变多少（这里每个兴奋性脉冲 0.4 mV） |\n"
        "| 偏置 b | 静息驱动相对于阈值的位置（静息 −70 mV，阈值 −50 mV） |\n"
        "| 加权和 z，一次算出 | 膜电位 V：一个会漏电的累加和，以 τ ≈ 20 ms 遗忘 |\n"
        "| 激活函数 f(z) | f-I 曲线：发放频率随输入电流的变化（见下一节） |\n"
        "| 输出 y：一个实数 | 一串全或无的脉冲；数值是频率（或时间） |\n\n"
        "**区别，直说。** 人工单元没有时间：同样的输入，立即给出同样的输出。"
        "神经元随时间积分、漏电、发放、重置，并在不应期内保持沉默。它有噪声。它的输出是脉冲，不是数。"
        "真实神经元的传出突触要么全是兴奋性的，要么全是抑制性的（Dale 原则）；人工单元的权重则可正可负。"
        "而且网络通过反向传播误差来学习，突触则按局部规则改变，例如脉冲时间依赖可塑性"
        "（Bi & Poo 1998，J Neurosci 18:10464）。"
        "原文中“每个神经元都有一个输入层和一个输出层”的说法是错的：层属于网络；"
        "一个单元有的是加权输入、偏置和激活函数。",

    # -- the bridge: f-I curve beside activations --------------------------------
    "brain.bridge_title": "桥梁：神经元的 f-I 曲线与 ReLU、sigmoid 并排",
    "brain.bridge_lead": "频率编码解释了激活函数为什么长成这样：把神经元的发放频率对输入电流作图，"
                         "阈值以下为零，之后是一条上升并趋于饱和的曲线。ReLU 保留了阈值和上升段；sigmoid 保留了饱和。",
    "brain.fi_noise": "模拟曲线的噪声 σ（mV）",
    "brain.fi_noise_help": "噪声使陡峭的阈值变得平滑：神经元在基强度以下也偶尔发放，"
                           "所以曲线像 softplus 或 sigmoid 那样弯曲，而不是突然跳起。"
                           "每个点是 5 个神经元 × 0.5 s 的模拟。",
    "brain.fi_title": "发放频率（Hz）随输入电流（nA）的变化",
    "brain.fi_x": "输入电流 I（nA）  ·  人工神经网络曲线：z，经缩放",
    "brain.fi_y": "发放频率（Hz）",
    "brain.fi_analytic": "LIF，无噪声（公式）",
    "brain.fi_sim": "LIF，噪声 σ = {s:.1f} mV（模拟）",
    "brain.fi_relu": "ReLU，阈值和斜率已匹配",
    "brain.fi_sigmoid": "sigmoid × {rmax:.0f} Hz",
    "brain.fi_rmax": "上限 1/t_ref = {rmax:.0f} Hz",
    "brain.fi_caption": "ReLU 为 max(0, s·(I − I_rh))，其中 I_rh = {rh:.2f} nA，s 是 LIF 从 I_rh 到 2·I_rh 的平均斜率"
                        "（{slope:.0f} Hz/nA）；sigmoid 缩放到 LIF 的上限 1/t_ref = {rmax:.0f} Hz"
                        "（t_ref = 2 ms，Brunel 2000），中心放在公式给出上限一半的位置。"
                        "真实的皮层神经元很少接近这个上限：典型频率为 0.15–16 Hz（Attwell & Laughlin 2001）。",

    # -- scale and energy table ---------------------------------------------------
    "brain.scale_title": "规模与能耗：大脑、本实验室的网络和一个大型人工神经网络",
    "brain.scale_table":
        "| 量 | 人脑 | 本实验室的网络 | 大型人工神经网络（GPT-3） | 出处 |\n"
        "|---|---|---|---|---|\n"
        "| 单元 | 86.1 ± 8.1 × 10⁹ 个神经元，约 80 % 位于小脑；胶质细胞与神经元约 1 : 1 | "
        "{units} 个隐藏 ReLU 单元（{arch}） | 96 层，宽 12,288 | Azevedo et al. 2009, J Comp Neurol 513:532; "
        "Brown et al. 2020, arXiv:2005.14165；本页（由 nncore 计数） |\n"
        "| 连接 / 参数 | 新皮层约 1.5 × 10¹⁴ 个突触；全脑 10¹⁴–10¹⁵ 个（估计） | "
        "{params} 个参数 | 1.75 × 10¹¹ 个参数 | Pakkenberg et al. 2003, Exp Gerontol 38:95; Brown et al. 2020；"
        "本页（由 nncore 计数） |\n"
        "| 功率 / 能量 | 约 20 W：占体重 2 %，占静息能耗约 20 % | 此处未测量 | "
        "训练：约 1,287 MWh，估计值（20 W 用一年约为 0.18 MWh） | Raichle & Gusnard 2002, PNAS 99:10237; "
        "Patterson et al. 2021, arXiv:2104.10350 |\n"
        "| 活动 | 每个皮层神经元 0.15–16 Hz；群体平均 1.5–4 Hz | 每个单元对每个输入都参与计算"
        "（没有脉冲） | 每个单元对每个词元都参与计算 | Attwell & Laughlin 2001, J Cereb Blood Flow Metab 21:1133 |\n"
        "| 稀疏性 | 同一时刻强烈活跃的皮层神经元 < 1 %；同时活跃的 ≤ 15 % | "
        "每个输入约 {active:.0f} % 的 ReLU 单元活跃（见下方测量） | — | Lennie 2003, Curr Biol 13:493; "
        "Attwell & Laughlin 2001；本页 |\n"
        "| 时间 | 膜时间常数约 10–20 ms | 无：每个输入一次前向传播 | 无 | "
        "Gerstner et al. 2014, *Neuronal Dynamics* |",
    "brain.scale_note": "参数与突触只是**粗略类比**，并不相等：突触是有自身动力学的活体结构，参数只是一个数。"
                        "比较数量只能说明规模，不能说明两者能计算什么。",

    # -- sparsity meter -----------------------------------------------------------
    "brain.sparsity_title": "稀疏度计：同一时刻有多少单元处于活跃？",
    "brain.sparsity_lead": "ReLU 单元的输出大于零时就算“活跃”；神经元在一个时间窗内至少发放一个脉冲就算活跃。"
                           "一般认为大脑在同一时刻只让一小部分神经元活跃，因为脉冲要消耗能量。",
    "brain.window": "大脑时间窗（ms）",
    "brain.window_help": "对脉冲神经元群体而言，多长的时间窗算作“同一时刻”，单位毫秒。"
                         "时间窗越长，至少发放一次的神经元就越多。",
    "brain.sp_untrained": "人工神经网络，未训练（随机权重）",
    "brain.sp_trained": "人工神经网络，在 8×8 手写数字上训练后",
    "brain.sp_lif": "1,000 个 LIF 神经元，每 {w:.0f} ms 时间窗内发放的比例",
    "brain.sp_y": "活跃单元比例（%；对数刻度）",
    "brain.sp_lennie": "< 1 % 强烈活跃（Lennie 2003）",
    "brain.sp_attwell": "≤ 15 % 同时活跃（Attwell & Laughlin 2001）",
    "brain.sp_metric_ann": "每个输入下活跃的 ReLU 单元",
    "brain.sp_metric_ann_help": "在 {n} 张留出的手写数字图像上取平均，网络为训练后的 64→{arch}→10"
                                "（留出集准确率 {acc:.1%}）。",
    "brain.sp_metric_lif": "每个时间窗内发放的 LIF 神经元",
    "brain.sp_metric_lif_help": "在 300 ms 模拟中对 {k} 个 {w:.0f} ms 时间窗取平均；神经元的平均发放频率为 "
                                "{rate:.1f} Hz（皮层：群体平均 1.5–4 Hz，Attwell & Laughlin 2001）。",
    "brain.sp_caption": "每个箱线表示在不同输入（人工神经网络）或不同时间窗（LIF）上的分布。"
                        "脉冲群体的活跃比例取决于发放频率和时间窗：频率为 r 时，"
                        "长度为 w 的时间窗大约能捕捉到 1 − e^(−r·w) 的神经元。",

    # -- the article says / actually ---------------------------------------------
    "brain.errata_title": "原文说…… / 实际上……",
    "brain.errata_lead": "原文关于大脑的部分有好几处事实错误。下面逐条引用原文，并给出更正和出处。",
    "brain.says": "原文说",
    "brain.actually": "实际上",
    "brain.source": "出处",
    "brain.claim1.says": "§1.1 “由大约100亿个神经元组成……大约600亿个连接点”——即大脑约有 100 亿个神经元、600 亿个连接。",
    "brain.claim1.actually": "约 860 ± 80 亿个神经元；仅新皮层就有约 1.5 × 10¹⁴ 个突触，"
                             "全脑约为 10¹⁴–10¹⁵ 量级（估计值）——是原文数字的一千多倍。",
    "brain.claim1.source": "Azevedo et al. 2009, J Comp Neurol 513:532; Pakkenberg et al. 2003, Exp Gerontol 38:95",
    "brain.claim2.says": "§1.1 “前枢质、中枢质和后枢质，它们分别负责感知、思考和行动”——即大脑的主要部分分别负责感知、思考和行动。",
    "brain.claim2.actually": "这些不是解剖学术语。大脑由前脑、中脑和后脑发育而来，功能分布在皮层、小脑、脑干等多个结构中"
                             "——并不是按感知、思考、行动来划分的。",
    "brain.claim2.source": "任何一本神经解剖学教材，例如 Kandel et al., Principles of Neural Science",
    "brain.claim3.says": "§1.2 “每个神经元都有一个输入层和一个输出层”。",
    "brain.claim3.actually": "层属于网络。单个单元有的是加权输入、偏置和激活函数——就是本页上方的那个人工神经元。",
    "brain.claim3.source": "SEED-ERRATA #3；对照上方的两个神经元",
    "brain.claim4.says": "§1.1 “神经同步……被认为是大脑中信息传递的关键”——即认为神经同步*就是*信息传递的关键。",
    "brain.claim4.actually": "同步只是被提出的机制之一（同步绑定、相干通信），至今仍有争议；"
                             "大多数信号传递依靠稀疏、异步活动中的脉冲频率和时间。“同步”页让你把它打开或关掉。",
    "brain.claim4.source": "Singer 1999, Neuron 24:49; Fries 2015, Neuron 88:220",

    "brain.explain":
        "**LIF 神经元**（Lapicque 1907）是能发放脉冲的最简单模型：细胞膜是一个漏电的电容，"
        "τ dV/dt = −(V − E) + R·I；当 V 达到 θ 时，神经元记下一个脉冲，V 被重置。"
        "对于高于基强度 (θ − E)/R 的恒定电流，从重置值爬升到阈值所需的时间为 "
        "T = τ ln[(RI − (V_r − E)) / (RI − (θ − E))]，所以频率为 1/(t_ref + T)；测试集用这个公式核对模拟器。\n\n"
        "**人工神经元**计算 z = Σ wᵢxᵢ + b 和 y = f(z)——没有时间，没有脉冲。把 f-I 曲线看作神经元的激活函数："
        "*如果*信息由发放频率携带，那么一个根据输入强度输出频率的单元就是对神经元的合理概括；"
        "它在阈值附近像 ReLU，在饱和附近像 sigmoid。\n\n"
        "**稀疏性。** 训练好的 ReLU 网络对每个输入都动用很大一部分单元；据估计，皮层同一时刻强烈活跃的神经元不到 1 %"
        "（Lennie 2003），同时活跃的至多约 15 %（Attwell & Laughlin 2001），因为每个脉冲都要从约 20 W 的预算中消耗能量"
        "（Raichle & Gusnard 2002）。\n\n"
        "模拟：以 dt = 0.1 ms 做精确的指数积分，对神经元向量化计算（nncore.brain）。",
}
