"""“循环神经网络”页面的简体中文文本（键 ``rnn.*``，与 ``rnn.py`` 的 EN 一一对应）。"""

ZH = {
    "rnn.nav": "循环神经网络",
    "rnn.title": "循环神经网络：网络能记住多久？",
    "rnn.lead": "循环神经网络在每个时间步都把自己的隐藏状态送回输入，所以它早先看到的东西仍能影响它现在的行为。"
                "按**开始**现场训练一个，然后看它的隐藏状态如何随时间变化、有多少学习信号能传到较早的时间步，"
                "以及它的记忆跨度与带门控的长短期记忆网络（LSTM）和门控循环单元（GRU）相比如何。",

    # the article
    "rnn.article_title": "原文把 RNN 称为“一种特殊的前馈网络”——它不是",
    "rnn.article_body":
        "**原文说**循环神经网络是一种特殊的前馈网络，把它叫作递归神经网络，并且只给了一个公式就结束了。"
        "**实际上**，循环网络的决定性特征是*反馈*：第 t 步的隐藏状态由第 t 步的输入**和第 t − 1 步的隐藏状态**"
        "共同算出，\n\n"
        "hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh),\n\n"
        "因此信息可以在时间中循环——这个回路正是前馈网络所没有的。（沿固定步数展开后，这个计算*看起来*像一个各层共享权重的"
        "深层前馈网络；它就是这样通过随时间反向传播来训练的，但模型本身是循环的。）通常的中文术语是**循环神经网络**；"
        "递归神经网络一般指*递归*（recursive）网络，它作用在树结构上。（SEED-ERRATA #7。）",

    # controls
    "rnn.task": "任务",
    "rnn.task_help": "网络要对一个序列做什么。每个任务都有一个记忆旋钮：要记住的东西与需要用到它的时刻相隔多少步。",
    "rnn.task_delayed_recall": "延迟回忆（稍后报出符号）",
    "rnn.task_copy": "复制（间隔后重复三个符号）",
    "rnn.task_parity": "奇偶性（1 的个数是奇是偶）",
    "rnn.task_sine": "正弦预测（波的下一个值）",
    "rnn.cell": "单元类型",
    "rnn.cell_help": "RNN：普通（Elman）单元，hₜ = tanh(W_ih xₜ + W_hh hₜ₋₁ + b)。LSTM：由输入门、遗忘门和输出门"
                     "保护的细胞状态（Hochreiter & Schmidhuber 1997）。GRU：重置门和更新门（Cho et al. 2014）。"
                     "方程和参数布局与 PyTorch 相同。",
    "rnn.hidden": "隐藏单元数",
    "rnn.hidden_help": "隐藏状态 hₜ 的大小。同样大小时，LSTM 的参数是普通 RNN 的 4 倍，GRU 是 3 倍。",
    "rnn.memory_delayed_recall": "延迟（步）",
    "rnn.memory_delayed_recall_help": "从看到符号到要求回答它的“开始”提示之间经过多少步。",
    "rnn.memory_copy": "间隔（步）",
    "rnn.memory_copy_help": "三个符号与要求重复它们的提示之间有多少个空白步。",
    "rnn.memory_parity": "序列长度（位）",
    "rnn.memory_parity_help": "有多少位；每一步的答案取决于到目前为止的每一位。",
    "rnn.memory_sine": "窗口（步）",
    "rnn.memory_sine_help": "网络在预测下一个值之前看到波的多少个过去值。",
    "rnn.noise": "干扰项（噪声）",
    "rnn.noise_help": "仅用于延迟回忆：延迟期间符号通道上的随机值（所示为其标准差）。"
                      "网络必须记住符号并忽略这些干扰。0 = 安静的延迟。",
    "rnn.lr": "学习率",
    "rnn.lr_help": "Adam 的步长。太大：损失来回跳动或发散；太小：进展缓慢。",
    "rnn.clip": "梯度裁剪（全局范数）",
    "rnn.clip_help": "每一步之前，如果所有梯度合起来的范数超过这个值，就把它们缩放到这个值"
                     "（Pascanu, Mikolov & Bengio 2013）。它能抑制梯度爆炸，但无法解决梯度消失。",
    "rnn.clip_off": "关",
    "rnn.epochs": "每次开始训练的轮次",
    "rnn.epochs_help": "每按一次开始，把 600 个训练序列过多少遍。",

    # live training
    "rnn.test_acc": "测试准确率",
    "rnn.test_acc_help": "在 200 个留出序列上（复制和奇偶性任务按每一步计算）。",
    "rnn.chance_metric": "随机水平",
    "rnn.chance_help": "对输入毫无记忆时能得到的最好分数（复制任务：总是回答“空白”）。",
    "rnn.test_mse": "测试 MSE",
    "rnn.test_mse_help": "在 200 条留出的波上，预测下一个值的均方误差（波的振幅为 1；仅噪声本身约为 0.0025）。",
    "rnn.params": "参数量",
    "rnn.params_help": "{cell} 层及其读出层的权重和偏置。",
    "rnn.curve_loss": "损失",
    "rnn.curve_acc": "准确率",
    "rnn.loss_unit": "损失（奈特；正弦为 MSE）",
    "rnn.diverged_hint": "试试更小的学习率，或打开梯度裁剪。",
    "rnn.pause_to_inspect": "训练中……暂停（或等训练结束）后，才能查看单个序列、隐藏状态和梯度。",
    "rnn.untrained_note": "这个模型还没有训练（随机权重）：请按上面的**开始**，然后再回来看。",

    # tabs
    "rnn.tab_sequence": "单个序列",
    "rnn.tab_hidden": "隐藏状态与大脑",
    "rnn.tab_gradients": "梯度消失",
    "rnn.tab_span": "记忆跨度：RNN、LSTM 与 GRU",

    # one sequence
    "rnn.pick": "测试序列",
    "rnn.pick_help": "显示哪个留出序列（隐藏状态标签页中显示的也是同一个）。",
    "rnn.seq_input": "随时间变化的输入",
    "rnn.seq_answer": "目标与网络的回答",
    "rnn.seq_target": "目标",
    "rnn.seq_pred": "网络",
    "rnn.seq_proba": "P(符号)",
    "rnn.symbol": "符号 {k}",
    "rnn.go_cue": "开始提示",
    "rnn.bit": "位",
    "rnn.label": "标签",
    "rnn.probability": "概率",
    "rnn.time_step": "时间步",
    "rnn.sine_value": "值",
    "rnn.recall_verdict": "给出 {target}，回答 {pred}",
    "rnn.hover_input": "第 %{x} 步，%{y}：%{z:.2f}",
    "rnn.seq_caption_delayed_recall": "左：输入——符号在第 0 步出现（独热编码），接着是延迟（斑点是干扰噪声），然后是开始提示。"
                                      "右：网络在开始提示时对每个符号给出的概率；带轮廓的柱是给出的符号。",
    "rnn.seq_caption_copy": "上：三个符号、一段空白间隔，然后是要求重复的提示。下：每一步的目标（空心圆）"
                            "和网络的回答（实心点）；“—”表示空白。",
    "rnn.seq_caption_parity": "上：各个位。下：每一步到目前为止所有位的奇偶性（空心圆）和网络的回答（实心点）。",
    "rnn.seq_caption_sine": "网络看到的窗口（灰色），以及一步之后真实的下一个值（空心圆）和它的预测（实心点）。",

    # hidden state and the brain
    "rnn.hidden_title": "{cell} 的隐藏状态（{state}）",
    "rnn.trained": "训练后",
    "rnn.untrained": "未训练",
    "rnn.hidden_unit": "隐藏单元",
    "rnn.hover_hidden": "第 %{x} 步，单元 %{y}：%{z:.2f}",
    "rnn.mark_cue": "提示",
    "rnn.mark_go": "开始",
    "rnn.hidden_caption": "每一行是一个隐藏单元，每一列是一个时间步；颜色表示它的值（−1 … 1）。"
                          "在整个延迟期间都保持着与符号相关的值的单元，就是网络对提示的记忆。"
                          "拖动测试序列滑块，看看这个模式如何随符号变化。",
    "rnn.brain_title": "#### 在大脑中：作为持续活动的工作记忆",
    "rnn.brain_body":
        "训练猴子记住闪光出现的位置，并在几秒钟的延迟之后才向那里看；它们背外侧前额叶皮层中的神经元"
        "**在整个延迟期间持续放电**，每个神经元对应其偏好的位置，并在作出回答时停止"
        "（Funahashi, Bruce & Goldman-Rakic 1989, *J Neurophysiol* 61:331–349；延迟期活动最早由 "
        "Fuster & Alexander 1971, *Science* 173:652 报道）。这与左边的隐藏状态是同一个想法："
        "信息以持续活动的形式保存，由循环连接维持。\n\n"
        "这个类比有其局限。皮层用的是脉冲神经元、慢得多的时间常数，以及随时间反向传播以外的学习规则；"
        "而且并非所有工作记忆都是持续放电——有些可能静默地保存在短时程的突触变化中"
        "（Mongillo, Barak & Tsodyks 2008, *Science* 319:1543）。",
    "rnn.memory_link": "“记忆”页：吸引子记忆与突触中的记忆",

    # gradients
    "rnn.steps_back": "距离损失的步数",
    "rnn.grad_axis": "‖∂L/∂hₜ‖，相对于最后一步",
    "rnn.grad_init": "{cell}，未训练",
    "rnn.grad_trained": "{cell}，训练后（本次运行）",
    "rnn.hover_grad": "往回 %{x} 步：%{y:.2e}",
    "rnn.grad_numbers": "只在 {T} 步中的最后一步计算损失时，传到第一步（往回 {steps} 步）的梯度，"
                        "对未训练的 RNN 只有末端大小的 **{rnn:.1e}**，LSTM 为 **{lstm:.1e}**，GRU 为 **{gru:.1e}**。",
    "rnn.grad_caption": "随时间反向传播每往回一步，就把误差信号乘一次循环雅可比矩阵。对普通 RNN，这个因子是经 tanh′ ≤ 1 "
                        "缩放的 W_hh，所以信号通常按几何级数缩小——在这个对数坐标上是一条下降的直线——较早的时间步几乎学不到东西"
                        "（Bengio, Simard & Frasconi 1994）。LSTM 的细胞状态通过遗忘门把误差传回去，乘以 f"
                        "（这里初始化在 σ(1) ≈ 0.73 附近，并可学习到接近 1），这就是带门控的单元能追溯得更远的原因。",

    # memory span
    "rnn.span_intro": "对每种单元和每个延迟（{delays} 步），用上面设定的隐藏单元数（{hidden}）、干扰水平（{noise:g}）、"
                      "学习率（{lr:g}）和种子（{seed}），在延迟回忆任务上重新训练一个模型 {epochs} 轮"
                      "（{n} 个序列，25 % 留出），并在留出序列上测试。结果会被缓存：第二次请求相同设置时会立即显示。",
    "rnn.span_run": "测量记忆跨度",
    "rnn.span_run_help": "训练 15 个小模型（3 种单元 × 5 个延迟）；每种设置第一次运行约需半分钟。",
    "rnn.span_not_run": "这些设置尚未测量。",
    "rnn.span_progress": "正在训练第 {done} / {total} 个模型……",
    "rnn.delay_axis": "符号与开始提示之间的延迟（步）",
    "rnn.span_axis": "测试准确率",
    "rnn.hover_span": "{cell}，延迟 %{{x}}：%{{y:.0%}}",
    "rnn.chance": "随机水平（25 %）",
    "rnn.delay_col": "延迟 {d}",
    "rnn.span_caption": "曲线降到点线所示的随机水平之处，说明该单元在这个训练预算内没有学会把符号带过延迟。"
                        "在我们的运行中，三种单元都能跨越短延迟；超过约 20 步后，结果取决于种子和干扰项——"
                        "普通 RNN 并不总是最先失败。原因之一：Adam 会把极小的梯度也放大成正常大小的步子，"
                        "在这么简单的任务上部分掩盖了梯度消失。门控的优势（Hochreiter & Schmidhuber 1997）"
                        "在梯度标签页中最清楚，并随着延迟变长、任务变难以及使用普通 SGD 而增大。一个种子只是一个样本：换一个试试。",

    # explanation
    "rnn.explain":
        "**网络计算什么。** 在每一步 t，循环层把新的输入 xₜ 与自己先前的状态 hₜ₋₁ 结合起来。"
        "普通 RNN 一行就完成：hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh)。"
        "**LSTM** 另外保存一个细胞状态 cₜ = f ⊙ cₜ₋₁ + i ⊙ g，并输出 hₜ = o ⊙ tanh cₜ，其中输入门 i、遗忘门 f "
        "和输出门 o 都是介于 0 和 1 之间的 sigmoid——网络学习何时写入、保留和读出。"
        "**GRU** 把这些作用合并为更新门 z 和重置门 r：hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁。"
        "读出层把隐藏状态变成答案，可以在最后一步（延迟回忆、正弦），也可以在每一步（复制、奇偶性）。\n\n"
        "**它如何学习。** 随时间反向传播：把回路沿序列展开，从损失出发经过每一步反向运用链式法则，"
        "再把每个权重在各步上的梯度加起来（我们的引擎一次性对所有时间步用单个矩阵乘积算出这些和）。"
        "测试集把这些梯度与有限差分以及 PyTorch 相核对。\n\n"
        "**为什么记忆很难。** 对 k 步之前看到的东西，误差信号在传回途中要乘上 k 个雅可比矩阵。"
        "如果它们使信号缩小，梯度就会*消失*，网络学不到长程依赖；如果使信号放大，梯度就会*爆炸*（梯度裁剪可以处理）。"
        "门控为信号提供了一条路径，其因子可由网络保持在接近 1——这正是 LSTM 的全部意义"
        "（Hochreiter & Schmidhuber 1997）。我们的 LSTM 与 Keras 一样，遗忘门偏置初始为 1，"
        "这有助于它从第一轮起就能记住（Jozefowicz, Zaremba & Sutskever 2015）。",
}
