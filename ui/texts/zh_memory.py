"""“记忆”页面的简体中文文本（键 ``memory.*``，与 ``memory.py`` 的 EN 一一对应）。"""

ZH = {
    "memory.nav": "记忆",
    "memory.title": "记忆：赫布吸引子与反向传播权重并排",
    "memory.lead": "原文承诺要解释大脑的记忆如何对应神经网络的记忆，却始终没有兑现。这里给出这个比较："
                   "**Hopfield 网络**用局部的赫布规则一遍就存下模式，并通过在能量地形上“滚下坡”，"
                   "从受损的线索中回忆起完整的记忆；**反向传播训练的网络**则把学到的东西存放在经由许多误差驱动的小步"
                   "找到的权重里——甚至能记住毫无意义的标签。",
    "memory.view": "视图",
    "memory.view_help": "选择一个实验；每个实验都是关于记忆的一个独立问题。",
    "memory.view_patterns": "存储与回忆",
    "memory.view_capacity": "容量",
    "memory.view_hebb_vs_bp": "赫布学习与反向传播",
    "memory.view_memorise": "记忆与泛化",
    "memory.view_timescales": "时间尺度",

    # -- store & recall --------------------------------------------------------
    "memory.source": "模式",
    "memory.source_help": "要存储什么：画在 10×10 网格（N = 100 个单元）上的字母或数字，或随机的 ±1 模式。",
    "memory.source_letters": "字母",
    "memory.source_digits": "数字",
    "memory.source_random": "随机",
    "memory.store": "存储这些",
    "memory.store_help": "每个选中的模式用一遍赫布学习存入。相似的模式（数字 0、6、8、9 重叠很多）会相互干扰；"
                         "试试把它们一起存进去。",
    "memory.n_random": "随机模式的个数",
    "memory.n_random_help": "P 个由 N = 100 个单元组成的随机 ±1 模式。容量约为 0.138 N ≈ 14 个模式。",
    "memory.need_pattern": "请至少选择一个要存储的模式。",
    "memory.cue": "线索",
    "memory.cue_help": "损坏哪个已存储的模式，并把它呈现给网络。",
    "memory.noise": "损坏程度（翻转格子的百分比）",
    "memory.noise_help": "线索的 100 个格子中有这个百分比被随机翻转。达到 50 % 时，线索不再携带关于该模式的任何信息。",
    "memory.seed_help": "决定翻转哪些格子，以及单元更新的顺序。",
    "memory.mode": "更新方式",
    "memory.mode_help": "异步：按随机顺序一次更新一个单元——能量只会下降。"
                        "同步：所有单元同时更新——更快，但可能在两个状态之间来回振荡。",
    "memory.mode_async": "异步",
    "memory.mode_sync": "同步",
    "memory.edit": "逐格编辑线索",
    "memory.edit_help": "勾选表示墨迹，不勾选表示白纸。在你改变模式、损坏程度或种子之前，"
                        "你的编辑会替代随机损坏的线索。",
    "memory.edit_caption": "逐行排列，勾选的格子表示墨迹（+1）。",
    "memory.stored_title": "已存储的记忆（每个一遍赫布学习）",
    "memory.recall_title": "一步一步地回忆",
    "memory.recall_caption": "按 ▶ 观看网络如何清理线索；滑块逐一经过那些翻转了某个单元的更新。"
                             "在异步更新下，能量 E = −½ Σᵢⱼ Wᵢⱼ sᵢ sⱼ（无量纲）从不上升。",
    "memory.landed": "回忆结果",
    "memory.landed_spurious": "伪状态",
    "memory.landed_reversed": "−{name}（反相）",
    "memory.landed_help": "与最终状态重叠度 ≥ 0.9 的已存储模式；否则就是伪状态"
                          "（若干记忆的混合，或自旋玻璃极小值）。",
    "memory.flips": "翻转的单元数",
    "memory.flips_help": "在 {sweeps} 轮扫描的 {n} 次单单元更新中，有多少次改变了单元的状态。",
    "memory.energy_change": "最终能量",
    "memory.energy_change_help": "最终状态的 E = −½ Σᵢⱼ Wᵢⱼ sᵢ sⱼ（无量纲）；下方是相对线索能量 {start:.1f} 的变化量。",
    "memory.wrong_cells": "错误格子数",
    "memory.wrong_cells_help": "最终状态中与线索原始模式不同的格子数（共 100 个）。回忆之前：{before}。",
    "memory.not_converged": "同步更新没有稳定下来：状态在两个模式之间不停交替（2-周期）。异步更新总会稳定下来。",
    "memory.overlap_title": "它落到了哪个记忆里？",
    "memory.weights_title": "权重矩阵 W（100 × 100）",
    "memory.weights_caption": "Wᵢⱼ = (1/N) Σ_μ ξᵢ^μ ξⱼ^μ：在存储模式中同时激活的单元相互兴奋，"
                              "状态相反的单元相互抑制（Hebb 1949：一起放电的细胞连在一起）。对角线为零。",
    "memory.explain_patterns":
        "**存储。** 每个模式 ξ（100 个取 ±1 的格子）把它的外积加到权重上：Wᵢⱼ += ξᵢξⱼ/N。"
        "这就是全部的学习规则——只需一遍，每个突触只需要它所连接的两个单元的活动（*局部*规则），"
        "就像大脑中的赫布可塑性（Hebb 1949；Hopfield 1982, PNAS 79:2554）。\n\n"
        "**回忆。** 从受损的线索出发，反复挑选一个单元，把它设为其输入 hᵢ = Σⱼ Wᵢⱼ sⱼ 的符号。"
        "每一次这样的改变都会降低能量 E = −½ Σᵢⱼ Wᵢⱼ sᵢ sⱼ，所以状态一路滚下坡，直到停在一个极小值里。"
        "已存储的模式都是极小值，所以离某个模式足够近的线索会被补全——这就是*按内容寻址的记忆*（联想记忆）："
        "记忆的一部分能取回整体。\n\n"
        "**可能出什么问题。** 每个已存储模式的反相也是极小值，三个记忆的混合也是（伪状态）。"
        "相似的模式（数字 0、6、8、9）会相互混淆。同步更新可能在两个状态之间振荡而不稳定下来。",

    # -- capacity --------------------------------------------------------------
    "memory.n_units": "单元数 N",
    "memory.n_units_help": "网络的大小。容量随 N 增长：约 0.138 N 个随机模式。",
    "memory.trials": "每个模式数的试验次数",
    "memory.trials_help": "对 10 种模式数中的每一种，各生成若干组独立的随机模式；每组中的每个已存储模式都被用作线索。",
    "memory.cap_noise": "线索损坏程度（翻转格子的百分比）",
    "memory.cap_noise_help": "0 % 检验已存储的模式是否保持不动；损坏越多，越能检验吸引域延伸得有多远。",
    "memory.cap_title": "回忆效果随负载 α = P / N 的变化",
    "memory.cap_caption": "对 N = {n} 个单元进行了 {recalls:,} 次回忆，用时 {seconds:.2f} s（只计算一次，之后缓存）。"
                          "阴影：重叠度的 ± 1 个标准差。",
    "memory.cap_metric_below": "α ≈ {a:.2f} 时的重叠度",
    "memory.cap_metric_above": "α ≈ {a:.2f} 时的重叠度",
    "memory.cap_metric_help": "回忆出的状态与线索模式之间的平均重叠度 m = (1/N) Σᵢ ξᵢ sᵢ；1 表示完美回忆，0 表示随机水平。",
    "memory.spurious_title": "一个谁也没存过的伪记忆",
    "memory.spurious_caption": "存入 A、C、H 和 X；从混合 sign(A + C + H) 出发。这个混合本身就是能量的一个极小值：{stable}。"
                               "回忆后它与 A、C、H 的重叠度分别为 {ma:+.2f}、{mc:+.2f}、{mh:+.2f}。",
    "memory.spurious_stable": "回忆没有改变它",
    "memory.spurious_unstable": "回忆改变了它（{k} 个格子变化）",
    "memory.spurious_mix": "A+C+H 混合",
    "memory.spurious_after": "回忆之后",
    "memory.explain_capacity":
        "每个点在一个 N 单元的网络中存入 P 个随机模式，用每个已存储的模式（按所选比例损坏）作线索，"
        "运行异步回忆，测量结果与线索模式之间的重叠度 m。当 α = P/N 低于约 0.138 时，回忆几乎完美；"
        "超过之后，记忆之间的干扰（每个单元输入中的*串扰*）不断增大，直到记忆不再是极小值，回忆最终落入伪状态"
        "（Amit, Gutfreund & Sompolinsky 1985, Phys Rev Lett 55:1530；Hopfield 1982）。"
        "陡峭的 0.138 是 N 非常大时的极限，并允许约 1.5 % 的单元出错；无差错回忆需要更少的模式："
        "对一个典型模式约为 N / (2 ln N)（N = 100 时约 11 个），要所有模式同时无差错则为 N / (4 ln N)"
        "（约 5 个；McEliece et al. 1987, IEEE Trans Inf Theory 33:461）。在 N = 100 时，有限尺寸效应使这个转变变得平缓。\n\n"
        "作为对比，大脑并不是把记忆存放在一张全连接的网络里：对其容量的估计取决于稀疏编码、"
        "有结构的连接方式和突触学习规则，目前尚无定论。",

    # -- Hebbian vs backprop ---------------------------------------------------
    "memory.bp_store": "要存储的模式",
    "memory.bp_store_help": "同样的字母存入两个网络。",
    "memory.hidden": "自编码器隐藏单元数",
    "memory.hidden_help": "反向传播网络是一个自编码器 100 → 隐藏 → 100（tanh），训练目标是重现每个模式。",
    "memory.lr": "学习率（Adam）",
    "memory.lr_help": "自编码器梯度下降的步长。",
    "memory.bp_epochs": "梯度步数",
    "memory.bp_epochs_help": "自编码器进行多少次全批量梯度更新。",
    "memory.bp_seed_help": "自编码器的初始权重，以及回忆测试中的损坏。",
    "memory.hebb_steps": "赫布：学习步数",
    "memory.hebb_steps_help": "只需一遍：每个模式把它的外积加到 W 上一次。没有误差信号，没有迭代。",
    "memory.hebb_wrong": "赫布：错误位数",
    "memory.hebb_wrong_help": "用每个已存储模式本身进行回忆时出错的单元数，对 {p} 个模式求和（共 {n} 位）。",
    "memory.bp_steps": "反向传播：学习步数",
    "memory.bp_steps_help": "全批量梯度更新（Adam）的步数，直到每个输出单元的符号都与每个已存储模式一致。",
    "memory.bp_never": "{n} 步内未达到",
    "memory.hebb_params": "赫布：权重数",
    "memory.hebb_params_help": "N(N − 1)/2 个不同的权重：W 是对称的，对角线为零。",
    "memory.bp_wrong": "反向传播：错误位数",
    "memory.bp_wrong_help": "最后一次梯度更新后输出符号错误的个数，对 {p} 个模式求和（共 {n} 位）。",
    "memory.bp_params": "反向传播：参数个数",
    "memory.bp_params_help": "自编码器 100 → {h} → 100 两层的权重和偏置。",
    "memory.steps_title": "学习：一遍与许多步",
    "memory.noise_title": "从受损线索中回忆（两者损坏相同）",
    "memory.noise_caption": "回忆后与线索模式的平均重叠度，每个模式、每个损坏程度各用 {probes} 个受损线索。"
                            "自编码器一遍给出答案；把输出再喂回自身，它也就成了一个吸引子网络。",
    "memory.explain_hebb_vs_bp":
        "**赫布存储**是一次性的、局部的：一个突触根据它所连接的两个单元的活动而改变，每个模式一次。"
        "**反向传播**是迭代的、全局的：每个权重都沿着在输出端测得的误差的梯度移动，经过许多步，"
        "而且误差必须在网络中反向传播——这正是为什么大脑如何（或能否）做类似的事情仍是一个悬而未决的问题"
        "（Lillicrap et al. 2020, Nat Rev Neurosci 21:335）。\n\n"
        "两者最终都把记忆存放在权重中，也都能补全受损的线索。自编码器只见过干净的模式；"
        "它的瓶颈（隐藏单元比输入少）迫使它保留已存储模式的共同之处，这正是它能清除噪声的原因。"
        "把输出再喂回自身，它就形成了与 Hopfield 网络非常相似的吸引子动力学。",

    # -- memorising vs generalising -------------------------------------------
    "memory.memo_n_train": "训练图像数",
    "memory.memo_n_train_help": "网络在多少张 8×8 手写数字图像上训练；另有 500 张留出。",
    "memory.memo_epochs": "轮次",
    "memory.memo_epochs_help": "遍历训练图像的轮数（Adam，学习率 0.01，批大小 50）。",
    "memory.memo_seed_help": "数据划分、随机标签和初始权重。",
    "memory.memo_run": "运行实验",
    "memory.memo_run_help": "训练 10 个网络（5 种宽度 × 真实/随机标签），约 1–3 秒；结果保留到你改变设置为止。",
    "memory.memo_progress": "正在训练第 {done} / {total} 个网络……",
    "memory.memo_hint": "按**运行实验**，在真实标签和随机标签上分别训练隐藏单元数从 2 到 256 的网络。",
    "memory.memo_title": "准确率随网络宽度的变化",
    "memory.memo_curves_title": "最宽网络的训练准确率，逐轮变化",
    "memory.memo_article":
        "**原文说**：对它的网络从 `Y = np.random.randint(0, 2, 1000)` 中学到了什么只字未提。"
        "**实际上**：随机标签不携带任何信号，所以留出集准确率停在随机水平；但足够大的网络仍能通过记住每个样本，"
        "把训练准确率推向 100 %（Zhang et al. 2017, *Understanding deep learning requires rethinking generalization*, ICLR）。"
        "这里的标签是随机的数字 0–9，所以随机水平是 10 %。",
    "memory.memo_caption": "{n_train} 张训练图像，500 张留出，{epochs} 轮。最宽的网络：{params:,} 个参数，"
                           "对应 {n_train} 个标签。",
    "memory.explain_memorise":
        "同样的图像（8×8 手写数字，64 个输入）和同样的单隐藏层 ReLU 网络学习两次："
        "一次用真实标签，一次用随机抽取的标签（训练图像和留出图像都如此），就像原文的代码那样。"
        "用真实标签时，即使很窄的网络也能泛化：留出集准确率接近训练准确率。"
        "用随机标签时没有什么可以泛化，但只要网络的参数足够多，它仍能拟合每个训练标签——它*记住*了——"
        "而留出集准确率停在随机水平（10 %）。随机标签也需要更长时间才能拟合（虚线）。"
        "因此，单看训练准确率说明不了网络是否学到了任何东西；只有留出数据才能说明。\n\n"
        "这种意义上的记忆是拟合的副产品：样本分散存放在所有权重之中；"
        "而在 Hopfield 网络中，每个记忆都是能量的一个明确的极小值。",

    # -- timescales --------------------------------------------------------------
    "memory.ts_table_title": "三种记忆，三种时间尺度",
    "memory.ts_col_kind": "记忆",
    "memory.ts_col_net": "在网络中",
    "memory.ts_col_brain": "在大脑中",
    "memory.ts_col_lasts": "持续多久",
    "memory.ts_col_source": "出处",
    "memory.ts_rnn_kind": "活动痕迹（隐藏状态）",
    "memory.ts_rnn_net": "循环神经网络的隐藏状态 hₜ = tanh(W_hh hₜ₋₁ + W_ih xₜ)",
    "memory.ts_rnn_brain": "逐渐消退的持续活动；循环回路",
    "memory.ts_rnn_lasts": "几步，除非循环增益接近 1（或有门控，如 LSTM/GRU）",
    "memory.ts_rnn_source": "Elman 1990, Cogn Sci 14:179; Hochreiter & Schmidhuber 1997, Neural Comput 9:1735",
    "memory.ts_att_kind": "持续活动（吸引子）",
    "memory.ts_att_net": "Hopfield 网络的状态保持在能量极小值处",
    "memory.ts_att_brain": "工作记忆期间前额叶皮层的延迟期活动",
    "memory.ts_att_lasts": "只要被维持就一直持续——在延迟任务中为数秒——直到新的线索取代它",
    "memory.ts_att_source": "Fuster & Alexander 1971, Science 173:652; Goldman-Rakic 1995, Neuron 14:477",
    "memory.ts_syn_kind": "突触变化（权重）",
    "memory.ts_syn_net": "赫布权重 Wᵢⱼ；或由反向传播学到的权重",
    "memory.ts_syn_brain": "长时程增强（LTP）及其他突触可塑性",
    "memory.ts_syn_lasts": "数小时到数月乃至更久（在体 LTP）；在 Hopfield 网络中，直到被后来的记忆覆盖",
    "memory.ts_syn_source": "Hebb 1949; Bliss & Lømo 1973, J Physiol 232:331; Abraham 2003, Phil Trans R Soc B 358:735",
    "memory.ts_rnn_title": "一个输入脉冲之后循环神经网络的隐藏状态",
    "memory.ts_gain": "循环增益（W_hh 的谱半径）",
    "memory.ts_gain_help": "小于 1 时，脉冲的痕迹每步大约按这个因子缩小；接近或大于 1 时，痕迹得以保持。",
    "memory.ts_rnn_caption": "32 个单元、随机权重的循环神经网络（nncore.layers.RNN）的 ‖hₜ‖ / ‖h₀‖，"
                             "脉冲在 t = 0，之后没有输入。",
    "memory.ts_rnn_missing": "此版本的引擎中没有 RNN 层，所以这个面板不显示实时的循环神经网络。",
    "memory.ts_rnn_link": "更多内容见“循环神经网络”页",
    "memory.ts_att_title": "吸引子：没有输入时也能保持的线索",
    "memory.ts_step_noise": "持续噪声（每步翻转单元的百分比）",
    "memory.ts_step_noise_help": "每一步在网络更新前随机翻转这一比例的单元——吸引子不断把状态拉回来。",
    "memory.ts_att_caption": "100 个单元，存储 5 个随机模式；每步一轮异步扫描。t = 0 时给出线索 A，t = 20 时给出线索 B。",
    "memory.ts_syn_title": "突触：存入更多记忆时第一个记忆的命运",
    "memory.ts_syn_caption": "在同一个 100 单元网络中存入更多随机模式后，对第一个记忆的回忆（线索损坏 10 %）；"
                             "10 次试验的均值 ± 标准差。超过容量后，所有记忆一起失效。",
    "memory.explain_timescales":
        "循环网络的隐藏状态是靠活动维持的记忆：过去被一步一步地向前传递，在普通循环神经网络中呈几何级数衰减，"
        "除非循环增益被调到接近 1——这正是发明门控单元（LSTM、GRU）的原因。吸引子是能自我维持的活动："
        "线索消失后，网络仍停留在该记忆的吸引域中，抵抗噪声，直到新的线索把它推入另一个吸引域——"
        "这是工作记忆中持续延迟期活动的一个模型。突触变化是长期存储：即使没有任何单元活跃，权重也保存着记忆。"
        "在标准 Hopfield 网络中，一旦存储的模式超过约 0.138 N 个，这个存储就会崩溃（“灾难性”过载）；"
        "让旧记忆平缓消退的学习规则则能保住最新的记忆（Parisi 1986, J Phys A 19:L617）。",

    # -- figures ----------------------------------------------------------------
    "memory.fig_cell_hover": "第 %{y} 行，第 %{x} 列：%{z:+d}",
    "memory.fig_state": "网络状态",
    "memory.fig_energy": "能量",
    "memory.fig_energy_hover": "第 %{x} 次更新：E = %{y:.2f}",
    "memory.fig_energy_axis": "能量 E",
    "memory.fig_update_step": "更新步数（每步一个单元）",
    "memory.fig_play": "播放",
    "memory.fig_step_prefix": "更新次数：",
    "memory.fig_overlap": "重叠度 m",
    "memory.fig_overlap_hover": "%{x}：m = %{y:+.2f}",
    "memory.fig_stored": "已存储的模式",
    "memory.fig_weight_hover": "W[%{y}, %{x}] = %{z:.3f}",
    "memory.fig_unit_i": "单元 i",
    "memory.fig_unit_j": "单元 j",
    "memory.fig_cap_overlap": "回忆后的平均重叠度",
    "memory.fig_cap_perfect": "无一单元出错的回忆比例",
    "memory.fig_cap_spurious": "落入伪状态的比例",
    "memory.fig_cap_line": "≈ 0.138 N",
    "memory.fig_cap_x": "负载 α = P / N（每个单元的模式数）",
    "memory.fig_cap_y": "重叠度 / 比例",
    "memory.fig_bp_line": "自编码器（反向传播）",
    "memory.fig_hebb_point": "Hopfield（一遍赫布学习）",
    "memory.fig_bp_perfect": "第 {n} 步全部正确",
    "memory.fig_learning_steps": "学习步数（对数刻度）",
    "memory.fig_wrong_bits": "错误的输出位数（共 {n} 位）",
    "memory.fig_noise_hop": "Hopfield（赫布）",
    "memory.fig_noise_ae": "自编码器，一遍",
    "memory.fig_noise_fb": "自编码器，输出回馈 10 次",
    "memory.fig_noise_x": "线索损坏程度（翻转格子的百分比）",
    "memory.fig_noise_y": "与线索模式的重叠度",
    "memory.fig_memo_train_real": "训练集，真实标签",
    "memory.fig_memo_test_real": "留出集，真实标签",
    "memory.fig_memo_train_random": "训练集，随机标签",
    "memory.fig_memo_test_random": "留出集，随机标签",
    "memory.fig_chance": "随机水平（10 %）",
    "memory.fig_hidden_units": "隐藏单元数",
    "memory.fig_accuracy": "准确率",
    "memory.fig_train_accuracy": "训练准确率",
    "memory.fig_rnn_norm": "‖hₜ‖ / ‖h₀‖",
    "memory.fig_time_steps": "时间步",
    "memory.fig_att_a": "与 A 的重叠度",
    "memory.fig_att_b": "与 B 的重叠度",
    "memory.fig_cue_a": "线索 A",
    "memory.fig_cue_b": "线索 B",
    "memory.fig_first_memory": "第一个记忆的重叠度",
    "memory.fig_later": "在它之后存入的记忆数",
}
