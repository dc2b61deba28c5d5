"""“卷积神经网络”页面的简体中文文本（键 ``cnn.*``，与 ``cnn.py`` 的 EN 一一对应）。"""

ZH = {
    "cnn.nav": "卷积神经网络",
    "cnn.title": "8×8 手写数字上的卷积神经网络",
    "cnn.lead": "卷积让一个小卷积核在整幅图像上滑动，于是同样的几个权重在每个位置寻找同样的图案。"
                "按**开始**，把卷积神经网络与一个参数量相当的普通网络（多层感知机）相比较；"
                "然后看看卷积核学到了什么，每一层又看到了什么。",

    # the article's formula
    "cnn.article_title": "原文说 F = K × X——卷积层真正计算的是什么",
    "cnn.article_body":
        "原文把卷积层写成 **F = K × X**，即卷积核与图像的乘积。这并不是卷积层所计算的东西。"
        "卷积层让卷积核在图像上滑动，在每个位置把卷积核与其下方的图像块逐元素相乘，再全部加起来"
        "（这是*互相关*；深度学习库不会翻转卷积核）：\n\n"
        "F[i, j] = Σₘ Σₙ K[m, n] · X[s·i + m, s·j + n] + b\n\n"
        "其中 s 是步幅（如有要求，先在图像四周补零）。有多个输入通道时，求和也遍及各通道，"
        "而且每个输出通道都有自己的卷积核和偏置。下面的**卷积演示器**标签页会把一个输出像素的这个求和逐项写出来。",

    # controls
    "cnn.blocks": "卷积块数",
    "cnn.blocks_help": "在最后的全连接层之前有几个 [卷积 → ReLU → 2×2 池化] 块。每个块把图像缩小一半：8×8 → 4×4 → 2×2。",
    "cnn.channels": "通道数（第一块）",
    "cnn.channels_help": "第一个卷积学习多少个卷积核；第二块的数量是它的两倍。通道越多：图案越多，参数也越多。",
    "cnn.kernel": "卷积核大小",
    "cnn.kernel_help": "每个卷积核的高 × 宽。补零使图像大小保持不变（3×3 补 1 圈，5×5 补 2 圈）。",
    "cnn.pool": "池化",
    "cnn.pool_help": "最大池化保留每个 2×2 窗口中最强的响应；平均池化保留平均值。",
    "cnn.pool_max": "最大",
    "cnn.pool_avg": "平均",
    "cnn.epochs": "每次开始训练的轮次",
    "cnn.epochs_help": "一轮就是把 1,258 个训练数字按批大小 64 完整过一遍。",
    "cnn.lr": "学习率（Adam）",
    "cnn.lr_help": "两个网络所用 Adam 优化器的步长。0.01 能在几秒钟内训练好这个卷积神经网络；0.1 通常太大。",

    # score board
    "cnn.acc_cnn": "卷积神经网络测试准确率",
    "cnn.acc_mlp": "多层感知机测试准确率",
    "cnn.acc_help": "539 个留出数字（1,797 个中的 30 %，从不用于训练）中被正确分类的比例。",
    "cnn.params_cnn": "卷积神经网络参数量",
    "cnn.params_cnn_help": "每个卷积核权重和偏置只计一次——每个卷积核在图像的每个位置重复使用（权重共享）。",
    "cnn.params_mlp": "多层感知机参数量",
    "cnn.params_mlp_help": "作用在展平像素上的 64 → {h} → 10 ReLU 网络，大小调到与卷积神经网络的参数量相当，"
                           "使用相同的数据划分、批次和优化器训练。",
    "cnn.curve_test": "{m} 测试",
    "cnn.curve_train": "{m} 训练",

    # tabs
    "cnn.tab_kernels": "学到的卷积核",
    "cnn.tab_fmaps": "特征图",
    "cnn.tab_errors": "错误",
    "cnn.tab_explorer": "卷积演示器",
    "cnn.tab_upload": "你自己的图像",
    "cnn.train_first": "请先训练网络（按上面的**开始**）；之后这个标签页会显示它学到了什么。",

    # kernels + brain link
    "cnn.kernels_title": "第一层的 {n} 个卷积核（权重）",
    "cnn.kernel_hover": "权重 %{z:.3f}<extra></extra>",
    "cnn.weight": "权重",
    "cnn.kernels_caption": "橙色：正权重（卷积核对那里有墨迹起反应）；蓝色：负权重（对那里*没有*墨迹起反应）。"
                           "一边橙一边蓝的卷积核就是边缘检测器。",
    "cnn.rf_title": "简单细胞（示意图）",
    "cnn.rf_hover": "ON（橙色）/ OFF（蓝色）区域<extra></extra>",
    "cnn.brain_link":
        "**与大脑的联系。** Hubel 和 Wiesel 记录了猫初级视觉皮层中的单个神经元，发现了*简单细胞*："
        "每个简单细胞对视野中某一位置、某一朝向的条纹或边缘放电，其感受野有狭长的 ON 区和 OFF 区，"
        "就像上面的示意图（这是 Gabor 函数模型，不是他们的数据）。*复杂细胞*对一定位置范围内的同一朝向都有反应，"
        "有点像池化。出处：Hubel & Wiesel 1962, *J Physiol* 160:106–154。\n\n"
        "Fukushima 的 Neocognitron（1980, *Biol Cybern* 36:193–202）模仿了这种简单/复杂细胞的层级结构；"
        "LeCun et al.（1989, *Neural Computation* 1:541–551）用反向传播在手写数字上训练了这样的网络。"
        "这个类比是粗略的：皮层神经元并不共享权重——每个神经元都有自己的突触——"
        "而且视觉皮层有很强的反馈连接，这个网络则没有。",

    # feature maps
    "cnn.fmap_pick": "测试数字",
    "cnn.fmap_pick_help": "把哪个留出数字送入网络。",
    "cnn.fmap_verdict": "真实标签 **{true}**，卷积神经网络认为是 **{pred}**，概率 {p:.1%}。",
    "cnn.fmap_hover": "激活值 %{z:.3f}<extra></extra>",
    "cnn.fmap_caption": "每一行是一个阶段；每块小图是一个通道（越深 = 响应越强）。每次卷积和 ReLU 之后，"
                        "通道在其卷积核图案出现的地方被点亮；池化把尺寸减半，保留“大致在哪里”，而不是“精确在哪里”。",
    "cnn.layer_input": "输入",
    "cnn.layer_conv": "卷积 {i}（{c_in}→{c_out}，{k}×{k2}）",
    "cnn.layer_maxpool2d": "最大池化 2×2",
    "cnn.layer_avgpool2d": "平均池化 2×2",

    # mistakes
    "cnn.wrong_count": "{total} 个留出数字中有 **{n}** 个被分错（测试准确率 {acc:.1%}）。"
                       "标注格式为*真实 → 预测*。",
    "cnn.wrong_caption": "许多错误的数字，在 8×8 像素下人也会犹豫。",

    # explorer
    "cnn.ex_preset": "卷积核",
    "cnn.ex_preset_help": "手工设计的卷积核，或（训练之后）网络学到的卷积核。",
    "cnn.preset_edge_v": "竖直边缘（Sobel x）",
    "cnn.preset_edge_h": "水平边缘（Sobel y）",
    "cnn.preset_blur": "模糊（3×3 均值）",
    "cnn.preset_sharpen": "锐化",
    "cnn.preset_identity": "恒等",
    "cnn.preset_learned": "学到的（第一层）",
    "cnn.ex_digit": "测试数字编号",
    "cnn.ex_digit_help": "对哪个留出数字做滤波（0–538）。",
    "cnn.ex_stride": "步幅 s",
    "cnn.ex_stride_help": "相邻两个输出像素之间，卷积核移动多少个像素。",
    "cnn.ex_padding": "补零 p",
    "cnn.ex_padding_help": "滑动卷积核之前在图像四周补几圈零。",
    "cnn.ex_channel": "学到的卷积核编号",
    "cnn.ex_channel_help": "应用第一层的哪个卷积核。",
    "cnn.ex_row": "输出行 i",
    "cnn.ex_col": "输出列 j",
    "cnn.ex_pixel_help": "把哪个输出像素逐项写出来（输出中的红框，以及它在输入中对应的窗口）。",
    "cnn.ex_input": "输入，补零 {p} 圈",
    "cnn.ex_kernel": "卷积核 K",
    "cnn.ex_output": "输出 {ho}×{wo}",
    "cnn.ex_hover": "第 %{y} 行，第 %{x} 列：%{z:.2f}<extra></extra>",
    "cnn.ex_formula": "**输出大小：** H_out = ⌊(H + 2p − k) / s⌋ + 1 = ⌊({h} + 2·{p} − {k}) / {s}⌋ + 1 = **{o}**"
                      "（宽度同理）。",
    "cnn.ex_pixel": "**输出像素 ({i}, {j})** 读取补零后输入中第 {r}–{r2} 行、第 {c}–{c2} 列的 {k}×{k} 窗口，"
                    "与卷积核逐元素相乘后相加（像素为空白的项省略不写）：",
    "cnn.ex_all_zero": "窗口下的每个像素都是 0，所以和为 {value:.3f}",
    "cnn.ex_no_fit": "补零 {p} 圈时，{k}×{k} 的卷积核放不进 8×8 的图像。",

    # upload
    "cnn.up_intro": "写一个数字（浅底深字或深底浅字），拍照或保存为 PNG 或 JPEG，然后上传。"
                    "图像会按墨迹裁剪，像训练数字一样缩小到 8×8 像素，再由卷积神经网络分类。",
    "cnn.up_label": "你的数字（PNG 或 JPEG）",
    "cnn.up_help": "最大 8 MB、1600 万像素。图像只保留在本次会话中，不会被存储。",
    "cnn.up_invert": "墨迹颜色",
    "cnn.up_invert_help": "训练数字是黑底浅色墨迹。“自动”会在图像边缘为浅色时将其反相。",
    "cnn.up_invert_auto": "自动",
    "cnn.up_invert_true": "深色墨迹",
    "cnn.up_invert_false": "浅色墨迹",
    "cnn.up_none": "还没有图像。",
    "cnn.up_original": "你的图像（{w}×{h} 像素，灰度）",
    "cnn.up_8x8": "8×8 输入 {inv}",
    "cnn.up_inverted": "（已反相）",
    "cnn.up_train_first": "请先训练网络（按上面的开始），才能对你的图像分类。",
    "cnn.up_answer": "卷积神经网络认为是",
    "cnn.up_answer_help": "softmax 概率最高的类别。",
    "cnn.digit": "数字",
    "cnn.probability": "概率",
    "cnn.prob_hover": "数字 %{x}：%{y:.1%}<extra></extra>",

    "cnn.explain":
        "**权重共享。** 默认网络的第一个卷积有 8 个 3×3 的卷积核，加上 8 个偏置——共 80 个参数——"
        "却为每幅图像计算 8 × 64 个输出，每个输出来自 9 个像素。一个全连接层要从 64 个像素得到同样的 512 个输出，"
        "需要 33,280 个参数。这就是卷积神经网络所做的取舍：假设一个图案在图像中任何位置的含义都相同，只学一次。\n\n"
        "**孪生的多层感知机**参数量与卷积神经网络相当，但没有这个假设。在 8×8 数字上两者表现都不错，"
        "因为图像很小且居中——比较上面的准确率。在较大的图像上，同一笔画可能出现在多得多的位置，权重共享的收益也就更大。\n\n"
        "**池化**保留每个 2×2 窗口中最强（最大）或平均（平均）的响应：特征图缩小为 1/4，"
        "数字的微小移动也变得不那么重要。训练时，最大池化的梯度只流向每个窗口中胜出的那个像素。\n\n"
        "**这里是如何计算的。** nncore 把所有图像窗口排成一个矩阵（*im2col*），整层只做一次矩阵乘法；"
        "基准脚本 `benchmarks/cnn_vs_torch.py` 在同一网络上把它与 PyTorch 计时比较。",
}
