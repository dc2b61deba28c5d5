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
