"""Home page strings."""

EN = {
    "home.nav": "Home",
    "home.title": "Brain & ANN Lab",
    "home.lead": "How do brains and artificial neural networks compute and remember? "
                 "Each page puts a piece of the brain beside the network structure that borrows from it, "
                 "and every network you see is trained live, in this page, by our own small NumPy engine.",
    "home.how_to_read": "How to read a page",
    "home.how_to_read_body":
        "1. **The title and the first sentence** say what to look for.\n"
        "2. **Controls** sit above or beside the picture; hover over the question-mark icon next to a control to see what it does.\n"
        "3. **The picture** updates as you change a control or press **Start**. Axes stay fixed while "
        "training, so what moves is the model, not the chart.\n"
        "4. **What is going on** (an expander under each picture) explains the current picture.\n"
        "5. Numbers carry units; facts about the brain carry their source.",
    "home.pages": "The pages",
    "home.page_list":
        "- **Brain** — a spiking neuron beside an artificial one; neurons firing in synchrony; "
        "memory in a Hopfield network beside memory in backprop-trained weights.\n"
        "- **Networks** — backpropagation step by step; an MLP playground; convolutional networks "
        "on 8×8 digits; recurrent networks and how long they remember.\n"
        "- **Compare** — our engine beside scikit-learn's `MLPClassifier` on the same data, split and seed.",
    "home.available": "Pages ready in this version: {pages}.",
    "home.article_title": "The source article's own example, run for real",
    "home.article_intro":
        "The article that started this lab ends with a Keras example: a 2-4-1 network "
        "(ReLU, then sigmoid), binary cross-entropy, SGD at learning rate 0.01, 100 epochs in batches of 10, "
        "trained on `X = rand(1000, 2)` with labels `Y = randint(0, 2, 1000)` — and it reports nothing. "
        "Here is what that code actually does, reproduced with nncore.",
    "home.article_run": "Run the article's example",
    "home.article_run_help": "Trains the 2-4-1 network exactly as the article's code does (about 1–2 s).",
    "home.article_seed_help": "Which random data set and initial weights to use.",
    "home.train_acc": "Training accuracy",
    "home.test_acc": "Held-out accuracy",
    "home.test_acc_help": "On 1,000 new points drawn the same way. The best constant guess scores {maj:.1%}.",
    "home.pred": "P(y = 1) for [0.1, 0.2]",
    "home.pred_help": "The article's final `model.predict` call: the network's probability that this point has label 1.",
    "home.final_loss": "Final training loss",
    "home.final_loss_help": "Binary cross-entropy in nats; log 2 ≈ 0.693 is the loss of always answering 0.5.",
    "home.article_lesson":
        "**The article says** nothing about what this network learns. **Actually**, the labels are random, "
        "so there is nothing to learn: the loss stays near log 2 ≈ 0.693 nats, the held-out accuracy is at "
        "chance (≈ 50 %), and the prediction for [0.1, 0.2] is close to 0.5. A network this small cannot even "
        "memorise the 1,000 random labels; a large one can — training accuracy climbs while held-out accuracy "
        "stays at chance (Zhang et al. 2017, *Understanding deep learning requires rethinking generalization*, ICLR). "
        "The Memory page shows that experiment.",
    "home.loss_chart": "Training loss of the article's network (nats), with log 2 for reference",
    "home.explain":
        "The lab's engine, **nncore**, is a few hundred lines of NumPy: layers with a forward and a backward "
        "pass, losses, optimizers (SGD with momentum, Adam), and a trainer that runs one mini-batch at a time so "
        "pages can train live. Its layers use PyTorch's names and layouts, its gradients are checked against "
        "finite differences in the test suite, and its `MLPClassifier` follows scikit-learn's algorithm so the "
        "two can be compared like for like.",
}

ZH = {
    "home.nav": "首页",
    "home.title": "大脑与人工神经网络实验室",
    "home.lead": "大脑和人工神经网络如何计算、如何记忆？每一页都把大脑的一个方面与借鉴它的网络结构并排展示；"
                 "你看到的每个网络都由我们自己的小型 NumPy 引擎在页面中现场训练。",
    "home.how_to_read": "如何阅读一页",
    "home.how_to_read_body":
        "1. **标题和第一句话**告诉你要看什么。\n"
        "2. **控件**在图的上方或旁边；把鼠标悬停在控件旁的问号图标上，可以看到它的作用。\n"
        "3. 改变控件或按下**开始**后，**图**会更新。训练时坐标轴固定不动，所以变化的是模型，而不是图表。\n"
        "4. 每张图下方的**这里发生了什么**（可展开）解释当前的图。\n"
        "5. 数字都带单位；关于大脑的事实都注明出处。",
    "home.pages": "各个页面",
    "home.page_list":
        "- **大脑** —— 脉冲神经元与人工神经元并排；同步放电的神经元；Hopfield 网络中的记忆与反向传播训练出的权重中的记忆。\n"
        "- **网络** —— 一步一步的反向传播；多层感知机游乐场；8×8 手写数字上的卷积神经网络；循环神经网络及其记忆能保持多久。\n"
        "- **对比** —— 在相同的数据、划分和种子上，把我们的引擎与 scikit-learn 的 `MLPClassifier` 并排比较。",
    "home.available": "本版本已就绪的页面：{pages}。",
    "home.article_title": "原文自己的例子，真正跑一遍",
    "home.article_intro":
        "促成本实验室的那篇文章以一个 Keras 例子结尾：一个 2-4-1 网络（先 ReLU，后 sigmoid），二元交叉熵，学习率 0.01 的 SGD，"
        "批大小 10，训练 100 轮，数据是 `X = rand(1000, 2)`，标签是 `Y = randint(0, 2, 1000)`——然后什么结果也没报告。"
        "下面用 nncore 复现这段代码实际做了什么。",
    "home.article_run": "运行原文的例子",
    "home.article_run_help": "完全按原文代码训练这个 2-4-1 网络（约 1–2 秒）。",
    "home.article_seed_help": "使用哪一组随机数据和初始权重。",
    "home.train_acc": "训练准确率",
    "home.test_acc": "留出集准确率",
    "home.test_acc_help": "在以同样方式抽取的 1000 个新点上。最好的常数猜测得分 {maj:.1%}。",
    "home.pred": "[0.1, 0.2] 的 P(y = 1)",
    "home.pred_help": "原文最后的 `model.predict` 调用：网络认为这个点标签为 1 的概率。",
    "home.final_loss": "最终训练损失",
    "home.final_loss_help": "二元交叉熵，单位奈特（nats）；log 2 ≈ 0.693 是一直回答 0.5 的损失。",
    "home.article_lesson":
        "**原文说**：对这个网络学到了什么只字未提。**实际上**：标签是随机的，根本没有可学的东西——损失停在 log 2 ≈ 0.693 奈特附近，"
        "留出集准确率处于随机水平（≈ 50 %），[0.1, 0.2] 的预测接近 0.5。这么小的网络甚至记不住 1000 个随机标签；"
        "足够大的网络可以——训练准确率上升，而留出集准确率仍停在随机水平（Zhang 等，2017，"
        "*Understanding deep learning requires rethinking generalization*，ICLR）。“记忆”页展示了这个实验。",
    "home.loss_chart": "原文网络的训练损失（奈特），以 log 2 作参照",
    "home.explain":
        "本实验室的引擎 **nncore** 只有几百行 NumPy 代码：带前向和反向传播的层、损失函数、优化器（带动量的 SGD、Adam），"
        "以及一次只跑一个小批量的训练器，使页面可以现场训练。它的层沿用 PyTorch 的命名和数据布局，梯度在测试中与有限差分核对，"
        "它的 `MLPClassifier` 遵循 scikit-learn 的算法，因此两者可以同条件比较。",
}
