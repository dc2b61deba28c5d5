"""“与 scikit-learn 对比”页面的简体中文文本（键 ``compare.*``，与 ``compare.py`` 的 EN 一一对应）。"""

ZH = {
    "compare.nav": "与 scikit-learn 对比",
    "compare.title": "我们的引擎与 scikit-learn 并排",
    "compare.lead": "同样的数据、划分、种子和超参数，同时交给 scikit-learn 的 `MLPClassifier` 和 nncore 的 `MLPClassifier`。"
                    "两者运行**同一个算法**，所以它们的损失曲线彼此重合，预测完全相同——"
                    "你能让它们出现的任何差异都是一堂课，而不是一个错误。",
    "compare.mode": "比较什么",
    "compare.mode_same": "同一算法",
    "compare.mode_different": "不同算法",
    "compare.mode_help": "同一算法：两个引擎得到完全相同的设置——检验 nncore 能否复现 scikit-learn。"
                         "不同算法：有意为两边选择不同的求解器（例如 scikit-learn 的 L-BFGS 对 nncore 的 Adam），"
                         "看训练过程有何不同。",
    # data
    "compare.data": "数据集",
    "compare.data_help": "二维玩具数据集显示决策面；8×8 手写数字（1,797 张图像，64 个像素，10 类）和你自己的 CSV 显示混淆矩阵。"
                         "70 % 用于训练，30 % 留出（分层抽样，带种子）。",
    "compare.data_moons": "双月（二维）",
    "compare.data_circles": "同心圆（二维）",
    "compare.data_xor": "xor（二维）",
    "compare.data_spiral": "螺旋（二维）",
    "compare.data_gaussians": "两个高斯团（二维）",
    "compare.data_digits": "8×8 手写数字（64 维，10 类）",
    "compare.data_csv": "我的 CSV 文件",
    "compare.n": "样本数",
    "compare.n_help": "二维玩具数据集中的点数（70/30 划分之前）。",
    "compare.noise": "噪声",
    "compare.noise_help": "加在二维点上的高斯抖动的标准差（数据单位）。",
    "compare.seed_help": "一个种子决定数据、划分、初始权重和打乱顺序——作为 `random_state` 传给两个引擎。",
    # model
    "compare.layers": "隐藏层",
    "compare.layers_help": "每个隐藏层的单元数，用逗号分隔（`hidden_layer_sizes`），例如 `16, 16`。"
                           "1 到 4 层，每层 1 到 512 个单元。",
    "compare.bad_layers": "“{text}”不是隐藏层大小的列表。请写 1 到 {max_layers} 个介于 1 和 {max_units} 之间的整数，"
                          "用逗号分隔，例如 16, 16。",
    "compare.activation": "激活函数",
    "compare.activation_help": "隐藏层的非线性函数（`activation`）：relu max(0, z)、tanh、logistic 1/(1+e⁻ᶻ) 或 identity。"
                               "输出层总是 softmax（多类）或 logistic（两类）。",
    "compare.solver": "求解器（两边相同）",
    "compare.solver_help": "`adam`：Adam 的自适应步长（Kingma & Ba 2015）。`sgd`：带 Nesterov 动量 0.9 的随机梯度下降。"
                           "两个引擎都使用这一个。",
    "compare.sk_solver": "scikit-learn 的求解器",
    "compare.sk_solver_help": "`lbfgs` 是全批量的拟牛顿法（没有小批量，也没有轮次）；`sgd` 和 `adam` 是随机方法。",
    "compare.nn_solver": "nncore 的求解器",
    "compare.nn_solver_help": "比较中 nncore 这一边：`adam` 或 `sgd`（两者都能精确复现 scikit-learn）。",
    "compare.alpha": "L2 惩罚 α",
    "compare.alpha_help": "`alpha`：把 (α/2)·‖W‖² 除以批大小，加到每一批的损失上。",
    "compare.batch": "批大小",
    "compare.batch_help": "每次梯度更新使用的样本数（`batch_size`）；auto = min(200, 训练样本数)。",
    "compare.lr": "学习率",
    "compare.lr_help": "`learning_rate_init`，即步长（Adam：每个权重的最大步长）。",
    "compare.epochs": "轮次（max_iter）",
    "compare.epochs_help": "最多把训练数据过这么多遍（`max_iter`；对 L-BFGS 是迭代次数）。"
                           "如果损失连续 10 轮的改善都小于 10⁻⁴，训练会提前停止。",
    "compare.early": "早停",
    "compare.early_help": "留出 10 % 的训练数据，当它上面的准确率不再提高时停止，并保留最好的权重（`early_stopping=True`）。",
    "compare.train": "训练两者",
    "compare.train_help": "用这些设置依次拟合 scikit-learn 和 nncore 的 MLPClassifier，并分别计时。",
    "compare.training": "正在训练两个模型……",
    "compare.stale": "你改变了某个设置：下面的结果对应之前的设置。请按**训练两者**。",
    # results
    "compare.parity": "**一致性**：两条损失曲线之间的最大相对差异为 {diff:.1e}；测试集预测{preds}。",
    "compare.identical": "完全相同",
    "compare.not_identical": "不相同",
    "compare.different_badge": "**有意使用不同算法**：scikit-learn `{sk}` 对 nncore `{nn}`。",
    "compare.why_lbfgs": "L-BFGS 一次查看所有训练样本，并根据最近几步构建曲率估计，所以它没有轮次，也没有带噪声的小批量曲线"
                         "——scikit-learn 只报告它的最终损失（菱形）。在小数据集上，它常常以更少但代价更高的迭代达到更低的损失。",
    "compare.why_sgd_adam": "SGD 在每个方向上走同样大小的步子；Adam 把每个权重的步长除以其梯度大小的滑动估计。"
                            "同样的数据、同样的起点、不同的路径——所以曲线从第一轮起就分开了。",
    "compare.why_same_solver": "你为两边选了同一个求解器，所以这又是同一个算法：曲线重合。",
    "compare.train_acc": "训练准确率",
    "compare.train_acc_help": "训练样本中被正确分类的比例。",
    "compare.test_acc": "测试准确率",
    "compare.test_acc_help": "留出的 30 % 中被正确分类的比例。",
    "compare.fit_time": "拟合时间",
    "compare.fit_time_help": "`fit` 的实际耗时，单位毫秒，在本服务器上测量（所有使用本应用的人共享这台服务器，"
                             "所以每次运行都会有波动）。",
    "compare.iters": "运行的轮次",
    "compare.iters_help": "`n_iter_`：停止规则或 max_iter 结束训练之前的轮次（或 L-BFGS 迭代次数）。",
    "compare.not_converged": "在损失稳定之前就因达到 max_iter 而停止（scikit-learn 会发出警告：ConvergenceWarning）。",
    "compare.speed": "本次运行中，nncore 的拟合时间是 scikit-learn 的 {ratio:.2f} 倍（小于 1 = 更快）。"
                     "`benchmarks/mlp_vs_sklearn.py` 通过多次运行对此做正式测量。",
    "compare.epoch_axis": "轮次",
    "compare.loss_axis": "训练损失（交叉熵 + L2，奈特）",
    "compare.final_only": "仅最终损失",
    "compare.loss_caption": "scikit-learn：宽的橙色线；nncore：画在上面的蓝色虚线。算法相同时，你看到的是一条线，里面嵌着虚线。",
    "compare.surface_caption": "颜色：每个模型预测的类别；越浅 = 越不确定。点：留出的测试点。",
    "compare.cm_caption": "行：真实类别；列：预测类别；数值为留出测试样本的个数。",
    # seeds
    "compare.seeds_title": "多个种子",
    "compare.k": "种子数 k",
    "compare.k_help": "用种子 s, s+1, …, s+k−1 重复比较（权重和打乱顺序改变；数据划分不变）。",
    "compare.run_seeds": "运行 k 个种子",
    "compare.run_seeds_help": "两个引擎各拟合 {k} 次；耗时约为一次运行的 {k} 倍。",
    "compare.running_seeds": "正在用 {k} 个种子训练两个引擎……",
    "compare.seeds_hint": "一个种子只是一次抽样。多运行几个，看看差异中有多少是运气。",
    "compare.seeds_stale": "这些多种子结果对应之前的设置。",
    "compare.col_engine": "引擎",
    "compare.col_test_acc": "测试准确率（均值 ± 标准差）",
    "compare.col_fit": "拟合时间",
    "compare.col_iters": "运行的轮次",
    "compare.col_seeds": "种子",
    "compare.test_acc_axis": "测试准确率",
    # code and export
    "compare.code_title": "等价的 scikit-learn 代码",
    "compare.code_nn_solver": "nncore 这一边使用相同的参数，solver='{solver}'。",
    "compare.data_line_toy": "# 数据：nncore.datasets.make_2d('{name}', n_samples={n}, noise={noise}, seed={seed})，\n"
                             "# 用 nncore.datasets.train_test_split(..., stratify=True) 按 70/30 划分",
    "compare.data_line_digits": "# 数据：8x8 手写数字，像素 / 16，按 70/30 分层划分：\n"
                                "# X_train, X_test, y_train, y_test = nncore.datasets.digits_split(images=False)",
    "compare.data_line_csv": "# 数据：你的文件 {name}，最后一列 = 标签，特征用训练集的均值和标准差标准化，按 70/30 分层划分",
    "compare.download": "下载结果（CSV）",
    "compare.download_help": "两个引擎每轮的损失、汇总数字、一致性检验以及所有多种子运行的结果。",
    # CSV upload
    "compare.csv.upload": "你的 CSV 文件",
    "compare.csv.upload_help": "除最后一列外每一列都是数值；最后一列是类别标签（文本或数字）。"
                               "需要一行表头，最多 {rows:,} 行，2–20 个类别。",
    "compare.csv.none_yet": "上传一个 CSV 文件，在你自己的数据上比较两个引擎。",
    # explanation
    "compare.explain":
        "**为什么要两个引擎？** scikit-learn 的 `MLPClassifier` 是一个可信的参照。nncore 的 `MLPClassifier` 一步一步地"
        "跟随它——用同一个 `random_state`、按同样的顺序抽取同样的 Glorot 均匀初始权重，每轮同样地重新打乱，"
        "同样的带 L2 项的小批量损失，同样的 Adam 或动量更新，以及同样的停止规则"
        "（连续 `n_iter_no_change` 轮改善都不超过 `tol`）。因为每一次浮点运算都相同，损失曲线的吻合程度约为 10⁻¹⁵"
        "——即一个 64 位浮点数的舍入误差——预测也完全相同。\n\n"
        "**那为什么 nncore 更快？** 算术相同，簿记工作不同。nncore 只分配一次激活值、梯度和优化器的缓冲区，"
        "之后原地更新；把所有权重放在一个扁平向量里，所以无论网络多深，一次 Adam 更新都只是十几个向量运算；"
        "并在 ReLU 的反向传播中避免了缓慢的掩码赋值。对于小网络，scikit-learn 的大部分时间都花在这些簿记上。"
        "输入为 float32 时，nncore 保持 float32 计算，使内存流量减半。\n\n"
        "**差异意味着什么。** 只在一边改变一个设置（*不同算法*模式），曲线就会分开：这个页面上的差异总是由算法的差异引起的，"
        "而绝不是引擎的错误。即使是*同一*算法的两个种子之间，在小数据集上测试准确率也会相差几个百分点——"
        "在断言某个设置更好之前，先运行 *k 个种子*。",
    "compare.explain_different":
        "**读懂不同算法的曲线。** 一*轮*就是把训练数据完整过一遍。SGD 和 Adam 每个小批量走一小步，"
        "所以它们的训练损失每轮都下降一点，并随批次抖动。L-BFGS（Nocedal 1980；Liu & Nocedal 1989）"
        "在全部样本上计算精确梯度，用最近几个梯度来近似曲率，每次迭代沿线搜索走一大步。"
        "在小数据集上，这通常意味着以更少的迭代得到更低的最终损失——但每次迭代都要把全部数据过一遍，"
        "它无法从数据流中学习（没有 `partial_fit`），而且更低的训练损失并不自动意味着更好的测试准确率。",
}
