"""Scene titles and one line on what each shows (lecture order)."""

EN = {
    "scene.rate_code.title": "Below threshold, silence; above it, a rate",
    "scene.rate_code.what": "A spiking neuron just under its rheobase (0.15 nA vs 0.2 nA) fires nothing. Drag the "
                            "current up and the firing rate rises — the f-I curve that activation functions imitate.",
    "scene.sync_shared.title": "Shared input → synchrony",
    "scene.sync_shared.what": "1,000 LIF neurons with 60 % of their input shared: the raster shows columns of "
                              "synchronous spikes. Slide c to 0 and they vanish.",
    "scene.backprop_chain.title": "The chain rule, one factor at a time",
    "scene.backprop_chain.what": "The backward pass of a tiny network, stopped at a chain-rule product; press Next.",
    "scene.xor_hidden.title": "XOR needs a hidden layer",
    "scene.xor_hidden.what": "With no hidden layer the boundary is a line and XOR stays unsolved; add one layer.",
    "scene.spiral_depth.title": "Spiral: depth or features",
    "scene.spiral_depth.what": "One hidden layer struggles with the spiral; add layers — or add sin x features.",
    "scene.overfit.title": "Overfitting: little data, big network",
    "scene.overfit.what": "60 noisy points and a 3×32 network: training loss falls while test loss turns up.",
    "scene.article_keras.title": "The article's Keras example",
    "scene.article_keras.what": "Random labels: the 2-4-1 network trains, and test accuracy stays at chance.",
    "scene.cnn_edges.title": "Edge detectors emerge",
    "scene.cnn_edges.what": "One conv block, 8 kernels, 20 epochs on 8×8 digits: watch the kernels turn into "
                            "oriented edge and stroke detectors (compare Hubel & Wiesel's simple cells).",
    "scene.rnn_forgets.title": "A plain RNN forgets after k steps",
    "scene.rnn_forgets.what": "Recall a symbol 20 steps later: the plain RNN stays near chance; switch the cell to "
                              "LSTM or GRU.",
    "scene.capacity_cliff.title": "The capacity cliff",
    "scene.capacity_cliff.what": "Recall quality against the number of stored patterns: it collapses near 0.138 N.",
    "scene.memorise.title": "Memorising vs generalising",
    "scene.memorise.what": "A big enough network learns random labels perfectly — and learns nothing that transfers.",
    "scene.twins.title": "Twins: nncore and scikit-learn",
    "scene.twins.what": "The same MLP, data, split and seed in both libraries: identical loss curves.",
}

ZH = {
    "scene.rate_code.title": "阈下沉默，阈上发放",
    "scene.rate_code.what": "一个脉冲神经元的输入电流略低于基强度（0.15 nA，基强度为 0.2 nA），完全不发放。把电流往上拖，"
                            "放电频率随之上升——这就是激活函数所模仿的 f-I 曲线。",
    "scene.sync_shared.title": "共享输入 → 同步",
    "scene.sync_shared.what": "1000 个漏电积分-发放神经元，60 % 的输入是共享的：栅格图上出现一列列同步脉冲。把 c 滑到 0，它们就消失了。",
    "scene.backprop_chain.title": "链式法则，一次一个因子",
    "scene.backprop_chain.what": "一个小网络的反向传播，停在一个链式法则乘积上；按“下一步”。",
    "scene.xor_hidden.title": "异或需要一个隐藏层",
    "scene.xor_hidden.what": "没有隐藏层时决策边界是一条直线，异或无法解决；加一层试试。",
    "scene.spiral_depth.title": "螺旋：加深度还是加特征",
    "scene.spiral_depth.what": "一个隐藏层很难分开螺旋；加几层——或者加上 sin x 特征。",
    "scene.overfit.title": "过拟合：数据少，网络大",
    "scene.overfit.what": "60 个带噪声的点和一个 3×32 的网络：训练损失下降，而测试损失回升。",
    "scene.article_keras.title": "原文的 Keras 例子",
    "scene.article_keras.what": "随机标签：2-4-1 网络在训练，测试准确率却停在随机水平。",
    "scene.cnn_edges.title": "边缘检测器的出现",
    "scene.cnn_edges.what": "一个卷积块、8 个卷积核、在 8×8 手写数字上训练 20 轮：看卷积核变成有方向的边缘和笔画检测器"
                            "（对比 Hubel 与 Wiesel 的简单细胞）。",
    "scene.rnn_forgets.title": "普通 RNN 在 k 步之后就忘了",
    "scene.rnn_forgets.what": "20 步之后回忆一个符号：普通循环神经网络停在随机水平；把单元换成 LSTM 或 GRU。",
    "scene.capacity_cliff.title": "容量悬崖",
    "scene.capacity_cliff.what": "回忆质量随存储模式数量的变化：在 0.138 N 附近骤然崩溃。",
    "scene.memorise.title": "记忆与泛化",
    "scene.memorise.what": "足够大的网络能完美学会随机标签——却学不到任何可以迁移的东西。",
    "scene.twins.title": "孪生：nncore 与 scikit-learn",
    "scene.twins.what": "两个库中相同的多层感知机、数据、划分和种子：损失曲线完全相同。",
}
