"""反向传播页面的简体中文文本（键 ``backprop.*``，与 ``backprop.py`` 的 EN 一一对应）。"""

ZH = {
    "backprop.nav": "反向传播",
    "backprop.title": "反向传播，一次一个数",
    "backprop.lead": "一个有 2 个输入、几个隐藏单元和 1–2 个输出的网络，只从**一个**样本中学习。"
                     "按**下一步**，先看前向传播的每个数依次出现，再看反向传播的每个导数："
                     "每个梯度都等于一个局部导数乘以从上面传下来的梯度。",

    # controls
    "backprop.hidden": "隐藏单元数",
    "backprop.hidden_help": "隐藏层有几个单元（2 或 3）。",
    "backprop.outputs": "输出数",
    "backprop.outputs_help": "输出单元有几个（1 或 2）。Softmax 加交叉熵需要 2 个。",
    "backprop.act": "隐藏层激活函数 f",
    "backprop.act_help": "每个隐藏单元作用在其加权和 z 上的函数。它的导数 f′ 就是反向传播在隐藏层要乘上的局部因子。",
    "backprop.act.sigmoid": "sigmoid σ",
    "backprop.act.tanh": "tanh",
    "backprop.act.relu": "ReLU",
    "backprop.act.leaky_relu": "leaky ReLU（斜率 0.01）",
    "backprop.act.linear": "线性（无激活）",
    "backprop.head": "输出 g 与损失 L",
    "backprop.head_help": "输出激活函数，以及比较预测 ŷ 与目标 y 的损失函数。"
                          "所有损失都取平均（对样本平均；BCE 和 MSE 还对输出平均），与 nncore 一致。",
    "backprop.head.sigmoid_bce": "sigmoid + 二元交叉熵",
    "backprop.head.linear_mse": "线性 + 均方误差",
    "backprop.head.sigmoid_mse": "sigmoid + 均方误差",
    "backprop.head.softmax_ce": "softmax + 交叉熵",
    "backprop.softmax_needs_two": "Softmax 加交叉熵至少需要 2 个输出（只有一个输出时 softmax 恒为 1，损失恒为 0），"
                                  "所以这个网络使用 2 个输出。",
    "backprop.x_help": "网络看到的唯一一个训练样本（无量纲的数）。",
    "backprop.y_help.sigmoid_bce": "这个输出的目标：0 到 1 之间的概率。",
    "backprop.y_help.linear_mse": "这个输出的目标值。",
    "backprop.y_help.sigmoid_mse": "目标值；sigmoid 输出只能取 0 到 1 之间的值。",
    "backprop.sigmoid_target_warning": "sigmoid 输出介于 0 和 1 之间，所以超出这个范围的目标永远无法达到；"
                                       "损失只能逼近它的下限。",
    "backprop.class": "目标类别 c",
    "backprop.class_help": "哪个输出应当胜出（它的 softmax 概率应为 1）。",
    "backprop.weights": "权重和偏置（任何一个数都可以修改）",
    "backprop.reset_weights": "默认权重",
    "backprop.reset_weights_help": "恢复手工挑选的初始权重和偏置。",
    "backprop.random_weights": "随机权重",
    "backprop.random_weights_help": "在 [−1, 1] 中均匀抽取新的权重和偏置（保留到 0.01；带种子，"
                                    "所以第 n 次按下总是得到相同的数）。",
    "backprop.param.W1": "**W⁽¹⁾** —— 输入 → 隐藏，第 j 行是进入隐藏单元 j 的权重（形状：隐藏单元数 × 2）",
    "backprop.param.b1": "**b⁽¹⁾** —— 隐藏层偏置",
    "backprop.param.W2": "**W⁽²⁾** —— 隐藏 → 输出，第 k 行是进入输出 k 的权重（形状：输出数 × 隐藏单元数）",
    "backprop.param.b2": "**b⁽²⁾** —— 输出层偏置",
    "backprop.param.W1_help": "从输入 i 到隐藏单元 j 的权重（W⁽¹⁾[j,i]，PyTorch 布局：输出 × 输入）。",
    "backprop.param.b1_help": "隐藏单元的偏置：加到它的加权和上。",
    "backprop.param.W2_help": "从隐藏单元 j 到输出 k 的权重（W⁽²⁾[k,j]）。",
    "backprop.param.b2_help": "输出单元的偏置。",

    # tabs
    "backprop.tab.steps": "逐步演示",
    "backprop.tab.check": "梯度检验",
    "backprop.tab.descent": "梯度下降",
    "backprop.tab.batch": "批量视图",
    "backprop.tab.article": "原文说 / 实际上",

    # stepping
    "backprop.back": "上一步",
    "backprop.back_help": "后退一步。",
    "backprop.next": "下一步",
    "backprop.next_help": "显示下一个量：先前向，再从损失反向传回第一层。",
    "backprop.step": "步骤",
    "backprop.step_help": "跳到任意一步；步骤是页面网址的一部分，所以分享的链接会打开在这里。",
    "backprop.step_title": "**第 {i} / {n} 步** —— {phase}：{name}",
    "backprop.phase.forward": "前向传播",
    "backprop.phase.backward": "反向传播",
    "backprop.matrix_form": "同一步写成矩阵公式（括号里是形状，只有一个样本，所以 N = 1）：",
    "backprop.grad_note": "这是一个参数梯度：梯度下降用这个数来改变 {param}。"
                          "“梯度检验”标签页把它与有限差分估计相比较。",
    "backprop.whole_chain": "完整的链（当前步骤高亮）",
    "backprop.fig.inputs": "输入",
    "backprop.fig.hidden": "隐藏",
    "backprop.fig.outputs": "输出",
    "backprop.fig.loss": "损失",
    "backprop.fig.caption": "橙色连线：正权重；蓝色：负权重；粗细 ∝ |w|。当前步骤以朱红色高亮。"
                            "传播到哪里，数字就出现在哪里；把鼠标悬停在节点上可看到全部数值。",

    # step names
    "backprop.s.X": "输入",
    "backprop.s.Z1": "隐藏层激活前的值 z⁽¹⁾",
    "backprop.s.H": "隐藏层激活值 h",
    "backprop.s.Z2": "输出层激活前的值 z⁽²⁾",
    "backprop.s.Yhat": "预测 ŷ",
    "backprop.s.L": "损失 L",
    "backprop.s.dL_dYhat": "损失的局部导数 ∂L/∂ŷ",
    "backprop.s.g_prime": "输出激活函数的局部导数 g′(z⁽²⁾)",
    "backprop.s.delta2": "输出层的链式法则，δ⁽²⁾ = ∂L/∂z⁽²⁾",
    "backprop.s.dW2": "隐藏 → 输出权重的梯度",
    "backprop.s.db2": "输出层偏置的梯度",
    "backprop.s.dH": "链式法则传回隐藏单元，∂L/∂h",
    "backprop.s.f_prime": "隐藏层激活函数的局部导数 f′(z⁽¹⁾)",
    "backprop.s.delta1": "隐藏层的链式法则，δ⁽¹⁾ = ∂L/∂z⁽¹⁾",
    "backprop.s.dW1": "输入 → 隐藏权重的梯度",
    "backprop.s.db1": "隐藏层偏置的梯度",

    # step descriptions
    "backprop.d.X": "样本进入网络。还没有计算任何东西。",
    "backprop.d.Z1": "每个隐藏单元把各个输入乘以对应权重后相加，再加上自己的偏置。",
    "backprop.d.H": "每个隐藏单元把它的和送入激活函数 f。",
    "backprop.d.Z2": "每个输出单元把隐藏层激活值乘以**它自己的**权重 W⁽²⁾ 后相加，再加上**它自己的**偏置 b⁽²⁾"
                     "——不是第一层的。",
    "backprop.d.Yhat": "输出激活函数 g 把这些和变成预测 ŷ。",
    "backprop.d.L": "损失衡量预测离目标有多远。反向传播从这里开始。",
    "backprop.d.dL_dYhat": "预测稍微变化时损失变化多少：第一个局部导数。",
    "backprop.d.g_prime": "激活前的值变化时每个预测变化多少：输出激活函数在 z⁽²⁾ 处的斜率。",
    "backprop.d.delta2": "链式法则：从损失传来的梯度乘以局部斜率。δ⁽²⁾ 是每个输出单元的“误差信号”。",
    "backprop.d.dW2": "一个权重的梯度等于它所连向单元的误差信号乘以它所传递的激活值："
                      "∂z⁽²⁾ₖ/∂W⁽²⁾ₖⱼ = hⱼ 就是局部导数。",
    "backprop.d.db2": "偏置的输入恒为 1，所以它的梯度就是该单元的误差信号。",
    "backprop.d.dH": "每个隐藏单元都连向所有输出，所以它的梯度是各输出误差信号的**总和**，"
                     "每一项按连接权重加权（局部导数 ∂z⁽²⁾ₖ/∂hⱼ = W⁽²⁾ₖⱼ）。",
    "backprop.d.f_prime": "隐藏层激活函数在 z⁽¹⁾ 处的斜率。在它为 0（ReLU 且 z < 0）或极小（饱和的 sigmoid）的地方，"
                          "梯度就停在这里。",
    "backprop.d.delta1": "又是链式法则：上面传来的梯度乘以局部斜率，得到隐藏单元的误差信号。",
    "backprop.d.dW1": "与 W⁽²⁾ 同样的规则：隐藏单元的误差信号乘以那条连线上的输入。",
    "backprop.d.db1": "最后是隐藏层偏置：它们的梯度就是隐藏层的误差信号。反向传播完成。",

    # gradient check
    "backprop.gc.intro": "上面的每个梯度都来自 nncore 的层（`backward`）。这里把每一个都与**有限差分**估计"
                         "(L(θ + ε) − L(θ − ε)) / 2ε（ε = 10⁻⁶）相比较，由 `nncore.gradcheck` 以 float64 计算。"
                         "相对误差 = |a − n| / (|a| + |n|)。",
    "backprop.gc.param": "参数",
    "backprop.gc.analytic": "解析值（反向传播）",
    "backprop.gc.numerical": "数值（有限差分）",
    "backprop.gc.rel": "相对误差",
    "backprop.gc.ok": "一致（< 10⁻⁶）",
    "backprop.gc.worst": "最大相对误差",
    "backprop.gc.worst_help": "在 10⁻⁸ 左右或更小说明反向传播是对的；接近 1 说明有错误"
                              "（或者遇到了折点，例如 ReLU 恰好在 z = 0 处）。",
    "backprop.gc.n": "检验的参数个数",
    "backprop.gc.n_help": "网络的每一个权重和偏置。",
    "backprop.gc.pass": "每个解析梯度都与其有限差分估计吻合，误差小于 10⁻⁶。",
    "backprop.gc.fail": "最大相对误差为 {worst:.1e}。这发生在折点处（某个 ReLU 的输入距 0 不到 10⁻⁶），"
                        "或损失被截断的地方（BCE 中 ŷ 距 0 或 1 不到 10⁻⁷）：把某个权重稍微改一点。",

    # gradient descent
    "backprop.gd.intro": "梯度下降的一步让每个参数沿其梯度的反方向移动，步长为 η（学习率）。"
                         "这里用 nncore 的 `SGD` 优化器，作用在逐步演示中得到的梯度上。",
    "backprop.gd.lr": "学习率 η",
    "backprop.gd.lr_help": "一步沿负梯度方向把参数移动多远（无量纲）。",
    "backprop.gd.too_small": "太小",
    "backprop.gd.good": "合适",
    "backprop.gd.too_large": "太大",
    "backprop.gd.too_small_help": "合适学习率的 1/100：损失几乎不动。",
    "backprop.gd.good_help": "在 10⁻³ 到 10³ 的网格上，能让每一步都至少实现斜率所预期下降量一半的最大学习率"
                             "（Armijo 条件）。",
    "backprop.gd.too_large_help": "第一个使一步之后损失高于起始损失（越过头）的更大学习率——"
                                  "若网格上没有这样的学习率，则取合适值的 100 倍。",
    "backprop.gd.loss_before": "更新前的损失",
    "backprop.gd.loss_after": "一步之后的损失",
    "backprop.gd.nats": "交叉熵损失以奈特（nats）为单位；MSE 以输出单位的平方为单位。",
    "backprop.gd.grad_norm": "梯度范数 ‖∂L/∂θ‖",
    "backprop.gd.grad_norm_help": "整个梯度的长度（全部 9–17 个参数合在一起）。",
    "backprop.gd.updated": "这一步之后的参数（这一步之前的参数就是权重面板里的那些）。",
    "backprop.gd.sweep_title": "**不同学习率下，一步之后的损失**",
    "backprop.gd.traj_title": "**三种学习率下各走二十步**",
    "backprop.gd.after_one": "一步之后的损失",
    "backprop.gd.before_line": "更新前的损失",
    "backprop.gd.yours": "你的 η",
    "backprop.gd.lr_axis": "学习率 η（对数刻度）",
    "backprop.gd.loss_axis": "损失",
    "backprop.gd.steps_axis": "梯度下降步数",
    "backprop.gd.no_rise": "对这种输出和一个样本而言，直到 10³ 都没有哪个学习率能让一步*提高*损失："
                           "饱和的输出吸收了越过头的部分（单元进入饱和，其梯度消失）。"
                           "选择**线性 + 均方误差**，就能看到一步越过头、损失跳升。",
    "backprop.gd.lesson": "**太小**：每一步都忠实地沿着斜率走，但几乎不动。**合适**：损失迅速下降。"
                          "**太大**：一步跳过了谷底——损失上升或来回振荡，步数多了还可能发散。",

    # batch
    "backprop.batch.intro": "同一个网络作用在 N = {n} 个样本的小批量上（第一行是你的样本；其余是固定的、带种子的随机点）。"
                            "现在每个量都是矩阵，每个样本占一行；损失是对整批的平均，所以每个 δ 都带一个因子 1/N，"
                            "而偏置梯度是**对样本（行）求和**，不是对单元求和。括号里是形状。",
    "backprop.batch.check": "在这一批上的梯度检验：最大相对误差 {worst:.1e}。",

    # the article
    "backprop.art.intro": "原文（§3.1.3 和 §3.2.3）为一个有 n 个输入、m 个隐藏单元和 p 个输出的网络给出了下面这些公式。"
                          "其中几条是错的；更正后的版本在右边，下方再用上面的网络加以核对。",
    "backprop.art.says": "#### 原文说",
    "backprop.art.fwd_label": "前向传播（§3.1.3），只有**一个**权重矩阵 W 和**一个**偏置 b：",
    "backprop.art.grad_w_label": "标为 **“输入 → 隐藏”** 的梯度（§3.2.3）：",
    "backprop.art.grad_b_label": "标为 **“隐藏 → 输出”** 的偏置梯度，对 **m 个隐藏单元**求和：",
    "backprop.art.naming": "……其中 **Y 是预测，Ŷ 是真实值**。",
    "backprop.art.actually": "#### 实际上",
    "backprop.art.fwd_fix": "每一层都有**自己的**权重和偏置（按本页的 PyTorch 布局，W₁ 是 m × n，W₂ 是 p × m；"
                            "除非 n = m = p，一个矩阵不可能同时具有两种形状）：",
    "backprop.art.w2_fix": "Hᵀ(…) 是**隐藏 → 输出**权重 W₂ 的梯度，其中 Ŷ 是预测（通常的约定），Δ₂ 是输出层的误差信号：",
    "backprop.art.delta_fix": "只有 sigmoid + 二元交叉熵（一个输出）或 softmax + 交叉熵时，Δ₂ 才等于 (Ŷ − Y)/N；"
                              "线性 + MSE 时它是 2(Ŷ − Y)/(N·p)；sigmoid + MSE 时还要多乘一个因子 Ŷ(1 − Ŷ)：",
    "backprop.art.w1_fix": "**输入 → 隐藏**的梯度需要经过 W₂ 和 f′ 的链式法则：",
    "backprop.art.b_fix": "偏置梯度是**对批中的 N 个样本求和**，而不是对隐藏单元求和：",
    "backprop.art.checked": "#### 在这个网络上核对",
    "backprop.art.same_w": "这里 W₁ 必须是 {h} × 2，W₂ 必须是 {o} × {h}：没有哪个单一的 W 能同时适用于两层。"
                           "下面是原文的梯度公式（以 Ŷ 为预测计算）与 nncore 算出的两个真实权重梯度的对照：",
    "backprop.art.equal": "在 **{head}** 且只有一个样本时，Hᵀ(Ŷ − Y) 恰好就是 ∂L/∂W₂——**隐藏 → 输出**的梯度，"
                          "而不是原文所说的输入 → 隐藏的梯度。它的形状是 W₂ 的，不是 W₁ 的。",
    "backprop.art.proportional": "在 **{head}** 时，Hᵀ(Ŷ − Y) 与 ∂L/∂W₂（隐藏 → 输出的梯度）方向相同，"
                                 "但相差一个常数因子，这个因子来自损失中的平均（对 p 个输出取均方误差时为 2/p，"
                                 "对 p 个输出取二元交叉熵时为 1/p）。它永远不是输入 → 隐藏的梯度。",
    "backprop.art.different": "在 **{head}** 时，Hᵀ(Ŷ − Y) 甚至不是 ∂L/∂W₂：输出激活函数的斜率 "
                              "g′(z) = Ŷ(1 − Ŷ) 没有被消掉，所以这种简单的误差形式只对相互匹配的输出/损失组合成立。",
    "backprop.art.source": "出处：原文 §3.1.3 和 §3.2.3（项目种子文章，中文）；更正见本实验室勘误表第 4、5 条。"
                           "上面的数字由 nncore 现场计算。",

    "backprop.explain":
        "**前向。** 每个单元计算其输入的加权和再加偏置，z = Σ wᵢxᵢ + b，然后送入激活函数。"
        "损失函数把最终输出 ŷ 与目标 y 相比较。\n\n"
        "**反向。** 链式法则说：损失对任何一个量的导数，等于*从上面传来的*导数乘以这一步的*局部*导数。"
        "所以反向传播沿网络倒着走，一路相乘：先是 ∂L/∂ŷ，乘以 g′ 得到输出误差 δ⁽²⁾，再乘以隐藏层激活值 hⱼ "
        "得到每个权重的梯度。要继续传到第一层，每个隐藏单元收集它所连向的所有输出的误差信号（按 W⁽²⁾ 加权），"
        "乘以 f′，同样的规则就给出 W⁽¹⁾ 的梯度。没有任何东西被计算两次——这就是为什么反向传播的代价"
        "大约只相当于一次前向传播。\n\n"
        "**检验。** 解析梯度与有限差分相比较：把一个参数上下各挪动 ε，看损失如何变化。"
        "吻合到约 10⁻⁸ 就说明反向传播是对的。本页的测试断言：对每种激活函数和损失函数，两者的吻合都优于 10⁻⁶。\n\n"
        "**学习。** 梯度下降从每个参数中减去 η × 梯度。梯度只描述附近的损失，"
        "所以步子太大就会跳过测量斜率的那个地方。\n\n"
        "本页所有的数字都来自 nncore 自己的 `Dense` 层和激活层、损失函数、`SGD` 和 `gradcheck`——"
        "也就是在其他页面上训练网络的同一套代码。",
}
