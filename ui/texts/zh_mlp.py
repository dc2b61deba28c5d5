"""“多层感知机游乐场”页面的简体中文文本（键 ``mlp.*``；CSV 控件组的消息在 ``upload.*``；与 ``mlp.py`` 的 EN 一一对应）。"""

ZH = {
    "mlp.nav": "多层感知机游乐场",
    "mlp.title": "多层感知机游乐场",
    "mlp.lead": "在二维点上现场训练一个小型神经网络，看它的**决策面**——点下面的底色——如何弯曲以拟合这些点。"
                "在下面选一个场景，按**开始**，然后一次只改变一样东西。",

    # scenes
    "mlp.scene": "场景",
    "mlp.scene_help": "为课堂准备的命名起点。每个控件都保存在页面网址中，所以复制网址就能分享你看到的一模一样的状态。",
    "mlp.scene.playground": "自由探索：同心圆",
    "mlp.scene.xor": "XOR 需要隐藏层",
    "mlp.scene.spiral": "螺旋：加深度还是加特征",
    "mlp.scene.overfit": "过拟合：数据少，网络大",
    "mlp.scene.keras": "原文的 Keras 例子",
    "mlp.story.playground": "一类点组成的圆环包围着另一类点组成的圆盘。按**开始**：2-4-2 网络在几秒钟内"
                            "就把它的边界弯成一条闭合曲线。",
    "mlp.story.xor": "**XOR**：x₁ 与 x₂ 同号的地方标签为橙色。**没有隐藏层**时，网络只是平面上的一条直线，"
                     "准确率不会比约 50 % 更好。按**开始**，看它失败——然后在*隐藏层*上按 **+**（4 个单元）再试一次。"
                     "或者保持零个隐藏层，打开输入 **x₁x₂**：一个选得好的特征能完成同样的工作。",
    "mlp.story.spiral": "两条交错的螺旋。在 x₁、x₂ 上只用一个 8 单元的隐藏层，会卡在 60 % 左右。"
                        "有两条出路：**深度**（3 个各 16 个 ReLU 单元的隐藏层）或**特征**"
                        "（打开 x₁²、x₂²、x₁x₂、sin πx₁、sin πx₂，保留小网络）。",
    "mlp.story.overfit": "只有 60 个带噪声的点，其中一半留出，而网络约有 2,300 个权重。"
                         "看两条损失曲线：训练损失降向零，而**测试**损失却转而上升——网络记住了噪声。"
                         "然后试试更多数据（*点数*）、L2 正则化、dropout 或更小的网络。",
    "mlp.story.keras": "原文 §4 的代码：一个 2-4-1 的 ReLU 网络，学习率 0.01 的 SGD，批大小 10，"
                       "数据是 1,000 个点 X ~ U[0, 1)²，标签是**随机的**。这里输出是两个 softmax logit"
                       "（与一个 sigmoid 单元属于同一类模型），一半的点留出。没有规律可找：测试准确率停在随机水平（点线）。",
    "mlp.simple": "课堂视图",
    "mlp.simple_help": "锁定并收起高级控件（优化器、正则化、批大小……），让发给学生的链接只显示数据、输入、层和学习率。"
                       "保存在网址中。",

    # data
    "mlp.data_box": "数据",
    "mlp.data": "数据集",
    "mlp.data_help": "分类数据集按类别给每个点着色；回归数据集（平面、鼓包）按数值着色。"
                     "在*高级*下上传文件后会出现“你的 CSV”。",
    "mlp.ds.circles": "同心圆",
    "mlp.ds.xor": "XOR",
    "mlp.ds.gaussians": "两个高斯团",
    "mlp.ds.spiral": "螺旋",
    "mlp.ds.moons": "双月",
    "mlp.ds.blobs": "四个团块（4 类）",
    "mlp.ds.random_labels": "随机标签（原文）",
    "mlp.ds.plane": "平面（回归）",
    "mlp.ds.bump": "鼓包（回归）",
    "mlp.ds.csv": "你的 CSV",
    "mlp.n": "点数",
    "mlp.n_help": "生成多少个点，训练集和测试集合计。",
    "mlp.noise": "噪声",
    "mlp.noise_help": "点在干净图案周围散布的程度（以平面的单位计，平面范围约为 ±1）。",
    "mlp.test": "测试集比例",
    "mlp.test_help": "留出的点所占的比例。网络从不在这些点上训练；测试曲线和测试准确率衡量它的泛化能力。",
    "mlp.seed_help": "每一个随机选择——点、训练/测试划分、初始权重和批次顺序——都来自这个种子。",
    "mlp.regenerate": "新数据",
    "mlp.regenerate_help": "重新抽取一组样本（种子加一；初始权重也随之改变）。",
    "mlp.csv_box": "你自己的数据（CSV）",
    "mlp.csv_only": "点数和噪声对上传的文件不适用。",
    "mlp.no_csv": "还没有加载 CSV——请在*高级 → 你自己的数据*下上传。暂时显示同心圆。",

    # inputs
    "mlp.inputs_box": "输入",
    "mlp.features": "送入网络的特征",
    "mlp.features_help": "每个选中的特征就是一个输入单元。x₁ 和 x₂ 是缩放到 [-1, 1] 的坐标；"
                         "其他特征由它们计算得到。正弦使用 πx，使一个周期正好跨越整个正方形。",
    "mlp.feat.x1": "x₁",
    "mlp.feat.x2": "x₂",
    "mlp.feat.x1sq": "x₁²",
    "mlp.feat.x2sq": "x₂²",
    "mlp.feat.x1x2": "x₁x₂",
    "mlp.feat.sin_x1": "sin πx₁",
    "mlp.feat.sin_x2": "sin πx₂",
    "mlp.no_features": "请至少选择一个输入特征。",

    # network
    "mlp.net_box": "网络",
    "mlp.layers": "隐藏层",
    "mlp.layers_help": "用 − 和 + 删除或添加隐藏层（0 到 6 层）。零个隐藏层就是线性模型：对分类而言即逻辑回归。",
    "mlp.units": "第 {i} 层单元",
    "mlp.units_help": "这一层的神经元个数（1 到 64）。",
    "mlp.act": "第 {i} 层激活",
    "mlp.act_help": "这一层加权和之后的非线性函数。没有它（线性）时，多加的层没有任何作用。",
    "mlp.act.tanh": "tanh",
    "mlp.act.relu": "ReLU",
    "mlp.act.sigmoid": "sigmoid",
    "mlp.act.leaky_relu": "leaky ReLU",
    "mlp.act.linear": "线性",
    "mlp.n_params": "{n} 个权重和偏置",

    # training
    "mlp.train_box": "训练",
    "mlp.lr": "学习率",
    "mlp.lr_help": "每次更新的步长。太小：慢。太大：损失跳动或爆炸（页面随即停止并发出警告）。改变它会开始新的一次训练。",
    "mlp.advanced": "高级设置",
    "mlp.advanced_locked": "高级设置（课堂视图中已锁定）",
    "mlp.loss": "损失函数",
    "mlp.loss_help": "交叉熵把 softmax 概率与真实类别相比较；MSE 把原始输出与独热目标相比较"
                     "（TensorFlow Playground 的做法）。回归总是使用 MSE。",
    "mlp.loss.cross_entropy": "交叉熵",
    "mlp.loss.mse": "MSE",
    "mlp.loss_regression": "回归数据：损失是标准化目标上的 MSE。",
    "mlp.opt": "优化器",
    "mlp.opt_help": "SGD 沿梯度向下走一步；动量（μ = 0.9）保留上一步的一部分；Adam 按每个权重近期梯度的大小"
                    "缩放其步长（Kingma & Ba 2015）。",
    "mlp.opt.sgd": "SGD",
    "mlp.opt.momentum": "动量",
    "mlp.opt.adam": "Adam",
    "mlp.reg": "正则化",
    "mlp.reg_help": "L2 按每个权重的大小成比例地把它拉向 0；L1 则每次拉动固定的量，会把不需要的权重关掉。"
                    "偏置不受惩罚。",
    "mlp.reg.none": "无",
    "mlp.reg.l1": "L1",
    "mlp.reg.l2": "L2",
    "mlp.rate": "正则化强度",
    "mlp.rate_help": "惩罚的强度 λ：λ·Σ|w|（L1）或 λ/2·Σw²（L2），再除以训练点的个数。",
    "mlp.dropout": "Dropout",
    "mlp.dropout_help": "训练时，每一步都以这个概率关掉每个隐藏单元，使任何单元都不能依赖另一个单元。绘制决策面时关闭。",
    "mlp.batch": "批大小",
    "mlp.batch_help": "每次权重更新使用的点数。小批量：步子有噪声但频繁；大批量：平滑但次数少。",
    "mlp.clip": "梯度裁剪",
    "mlp.clip_help": "当梯度的总长度超过这个值时就把它缩小——防止在高学习率下爆炸。",
    "mlp.clip.off": "关",
    "mlp.epochs": "每次开始训练的轮次",
    "mlp.epochs_help": "按一次开始训练多少（一轮 = 把训练点完整过一遍）。再按一次可继续训练。",

    # view and panel
    "mlp.show_test": "显示测试数据",
    "mlp.show_test_help": "把留出的点也画出来（带深色边框的菱形）。",
    "mlp.discretize": "离散化输出",
    "mlp.discretize_help": "只按预测类别给每个区域着色，不用深浅表示网络有多确定。",
    "mlp.m.epoch": "轮次",
    "mlp.m.train_loss": "训练损失",
    "mlp.m.test_loss": "测试损失",
    "mlp.m.train_acc": "训练准确率",
    "mlp.m.test_acc": "测试准确率",
    "mlp.m.train_r2": "训练 R²",
    "mlp.m.test_r2": "测试 R²",
    "mlp.m.loss_help": "每个点的平均损失，单位为奈特（交叉熵）或标准化目标单位的平方（MSE）。",
    "mlp.m.acc_help": "最可能类别等于真实类别的点所占的比例。这里的随机水平是 {p:.0%}。",
    "mlp.m.r2_help": "R² = 1 − （平方误差 / 目标的方差）：1 为完美，0 表示不比取均值更好。",
    "mlp.surface_title": "决策面",
    "mlp.surface_caption": "横轴 {x}，纵轴 {y}。颜色 = 网络在平面上每一处预测的类别；越浅 = 越不确定。"
                           "圆点是训练点，菱形是测试点。",
    "mlp.classes_legend": "类别：{legend}。",
    "mlp.net_top": "只画出了 {total:,} 个权重中最大的 {n:,} 个。",
    "mlp.explain_scene.playground":
        "\n\n**自由探索。** 改变数据、特征或网络，然后按“开始”；上方菜单中的每个场景都提出一个问题"
        "（异或需要隐藏层吗？大网络什么时候会过拟合？）。",
    "mlp.surface_caption_reg": "横轴 {x}，纵轴 {y}。颜色 = 网络在每一处预测的数值（蓝色低，橙色高）；"
                               "点用同样的颜色表示它们的真实值。圆点是训练点，菱形是测试点。",
    "mlp.net_title": "网络",
    "mlp.net_caption": "左边是输入，右边是输出。每条线是一个权重：越粗 = 越大，橙色 = 正，蓝色 = 负。",
    "mlp.units_title": "每个隐藏单元对什么有反应",
    "mlp.units_caption": "每个隐藏单元一块小图：它在同一平面上的输出（橙色高，蓝色低，每块按自身最大值缩放）。"
                         "较深的层把前面各层较简单的形状组合起来。",
    "mlp.units_none": "没有隐藏层：输入直接送到输出，所以边界是特征的加权和。",
    "mlp.curves_title": "损失",
    "mlp.score_title": "准确率",
    "mlp.score_title_reg": "R²",
    "mlp.cm_title": "混淆矩阵（测试数据）",
    "mlp.cm_empty": "分类数据才会显示混淆矩阵。",
    "mlp.diverged_hint": "学习率可能太高：把它除以 10，或打开梯度裁剪（高级），然后按重置。"
                         "显示的是爆炸之前的最后一个网络。",
    "mlp.layer_name": "第 {i} 层",
    "mlp.out_name": "输出",

    # export
    "mlp.export": "导出",
    "mlp.export_model": "模型（.npz）",
    "mlp.export_model_help": "训练好的网络的权重和层列表，可用 nncore.Sequential.load 加载（NumPy 数组，不用 pickle）。",
    "mlp.export_history": "训练历史（CSV）",
    "mlp.export_history_help": "每轮一行：训练和测试损失、准确率或 R²。",
    "mlp.export_code_nncore": "用 nncore 做同样的训练",
    "mlp.export_code_sklearn": "最接近的 scikit-learn 代码",
    "mlp.export_note": "两个脚本都会按当前设置重建网络并训练 {epochs} 轮。",

    # figures
    "mlp.fig.class_train": "类别 {c}",
    "mlp.fig.class_test": "类别 {c}（测试）",
    "mlp.fig.points_train": "训练点",
    "mlp.fig.points_test": "测试点",
    "mlp.fig.prediction": "预测",
    "mlp.fig.chance": "随机水平 {p:.0%}",
    "mlp.fig.accuracy": "准确率",
    "mlp.fig.r2": "R²",

    # CSV 上传：上传控件的标签和说明（控件组自己的文本在 upload.*）
    "mlp.csv.upload": "上传 CSV 文件",
    "mlp.csv.upload_help": "带表头行的文本文件：两个数值列作为 x₁ 和 x₂，一列为类别或数值。"
                           "以逗号、分号或制表符分隔，UTF-8 或 UTF-16 编码，最多 {rows:,} 行。",

    # explanations
    "mlp.explain":
        "**你看到的是什么。** 每个点是一个样本，有两个坐标 (x₁, x₂) 和一个类别（它的颜色）。"
        "网络把点的所选*特征*变成各类别的得分：每个隐藏单元计算其输入的加权和再加偏置，并送入激活函数；"
        "输出层也这样做，再由 softmax 把得分变成概率。背景颜色就是在覆盖整个平面的 100 × 100 网格上计算出的预测。\n\n"
        "**训练。** 每一步取一批训练点，计算损失（交叉熵或 MSE），用反向传播求出损失对每个权重的梯度，"
        "再让每个权重沿梯度反方向移动一点（SGD、动量或 Adam）。一轮就是把训练点完整过一遍。\n\n"
        "**读懂曲线。** 训练损失衡量网络对它所学习的点拟合得有多好；测试损失在它从未见过的点上计算，衡量泛化能力。"
        "当训练损失持续下降而测试损失上升时，网络正在记住噪声（过拟合）。\n\n"
        "**隐藏单元。** 小图显示每个隐藏单元在平面上的输出。在第一层，每个单元只能画出特征的一条柔和的直边"
        "（tanh/sigmoid）或一个斜坡（ReLU）；后面的层把它们组合成曲线和孤岛。"
        "有了额外的特征（x₁²、sin πx₁……），第一层一开始就能用弯曲的形状，所以较小的网络就够了。\n\n"
        "**与大脑的联系。** 单元的加权和与类似阈值的激活函数，是对神经元整合突触输入的极度简化；"
        "权重与突触强度只是粗略的类比。反向传播本身在大脑中并没有公认的对应物。",
    "mlp.explain_scene.xor":
        "\n\n**为什么 XOR 需要隐藏层。** 没有隐藏单元时，预测是 softmax(w₁x₁ + w₂x₂ + b)：边界是一条直线，"
        "而没有哪条直线能把两个对角象限与另外两个象限分开（Minsky & Papert, *Perceptrons*, 1969）。"
        "隐藏层让网络可以组合好几条直线；而输入 x₁x₂ 本身在两个象限为正、在另外两个象限为负，"
        "所以不需要隐藏层就能解决 XOR。",
    "mlp.explain_scene.spiral":
        "\n\n**深度还是特征。** 螺旋的边界绕着中心盘旋。只用 x₁ 和 x₂ 时，第一层的直边必须被折叠许多次，"
        "这需要好几层；有了 sin πx₁、sin πx₂ 和平方项，单独一个小层就已经能组合弯曲的片段。",
    "mlp.explain_scene.overfit":
        "\n\n**过拟合。** 只有 30 个训练点而有数千个权重时，网络可以在单个点周围画出孤岛，"
        "从而拟合每一个训练点，连噪声也不放过。测试点与之不符，所以训练损失下降时测试损失上升。"
        "更多数据、L2 或 dropout、更少的单元，都能缩小这个差距。",
    "mlp.explain_scene.keras":
        "\n\n**原文的例子。** 原文在 `Y = randint(0, 2, 1000)` 上训练——标签是随机抽取的，与 X 无关——"
        "而且没有报告任何结果。根本没有可学的东西：留出集准确率停在随机水平，"
        "而这个 2-4-1 网络小到连训练标签都记不住（大网络可以；见“记忆”页和 Zhang et al. 2017, ICLR）。",
}
