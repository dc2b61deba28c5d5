"""MLP Playground strings (keys ``mlp.*``); the CSV control group's messages are ``upload.*``."""

EN = {
    "mlp.nav": "MLP Playground",
    "mlp.title": "MLP Playground",
    "mlp.lead": "Train a small neural network live on 2-D points and watch its **decision surface** — the "
                "colour under the points — bend to fit them. Pick a scene below, press **Start**, then change "
                "one thing at a time.",

    # scenes
    "mlp.scene": "Scene",
    "mlp.scene_help": "Named starting points for a lecture. Every control is stored in the page address, "
                      "so copying the URL shares exactly what you see.",
    "mlp.scene.playground": "Free play: circles",
    "mlp.scene.xor": "XOR needs a hidden layer",
    "mlp.scene.spiral": "Spiral: depth or features",
    "mlp.scene.overfit": "Overfitting: little data, big network",
    "mlp.scene.keras": "The article's Keras example",
    "mlp.story.playground": "A ring of one class around a disc of the other. Press **Start**: the 2-4-2 network "
                            "bends its boundary into a closed curve within a few seconds.",
    "mlp.story.xor": "**XOR**: the label is orange where x₁ and x₂ have the same sign. With **no hidden layer** the "
                     "network's boundary is one straight line, which can get at most three quadrants of the four right "
                     "(about 75 %; the surface stays pale because it is unsure everywhere). Press "
                     "**Start** and watch it fail — then press **+** on *Hidden layers* (4 units) and try again. "
                     "Or keep zero layers and switch on the input **x₁x₂**: one well-chosen feature does the same job.",
    "mlp.story.spiral": "Two interleaved spirals. One hidden layer of 8 units on x₁, x₂ gets stuck near 60 %. "
                        "There are two ways out: **depth** (3 hidden layers of 16 ReLU units) or **features** "
                        "(switch on x₁², x₂², x₁x₂, sin πx₁, sin πx₂ and keep the small network).",
    "mlp.story.overfit": "Only 60 noisy points, half of them held out, and a network with about 2,300 weights. "
                         "Watch the two loss curves: training loss falls towards zero while the **test** loss turns "
                         "upward — the network memorises the noise. Then try more data (*Points*), L2 "
                         "regularisation, dropout, or a smaller network.",
    "mlp.story.keras": "The source article's §4 code: a 2-4-1 ReLU network, SGD at learning rate 0.01, batches of 10, "
                       "on 1,000 points X ~ U[0, 1)² with **random** labels. Here the output is two softmax logits "
                       "(the same model class as one sigmoid unit) and half the points are held out. There is no "
                       "pattern to find: test accuracy stays at chance (the dotted line).",
    "mlp.simple": "Classroom",
    "mlp.simple_help": "Locks and folds away the advanced controls (optimizer, regularisation, batch size, …) so a "
                       "class link shows only data, inputs, layers and learning rate. Stored in the URL.",

    # data
    "mlp.data_box": "Data",
    "mlp.data": "Data set",
    "mlp.data_help": "Classification sets colour each point by class; regression sets (plane, bump) by value. "
                     "'Your CSV' appears once you upload a file under *Advanced*.",
    "mlp.ds.circles": "Circles",
    "mlp.ds.xor": "XOR",
    "mlp.ds.gaussians": "Two Gaussians",
    "mlp.ds.spiral": "Spiral",
    "mlp.ds.moons": "Moons",
    "mlp.ds.blobs": "Four blobs (4 classes)",
    "mlp.ds.random_labels": "Random labels (article)",
    "mlp.ds.plane": "Plane (regression)",
    "mlp.ds.bump": "Bump (regression)",
    "mlp.ds.csv": "Your CSV",
    "mlp.n": "Points",
    "mlp.n_help": "How many points to generate, training and test together.",
    "mlp.noise": "Noise",
    "mlp.noise_help": "How much the points scatter around the clean pattern (in units of the plane, which spans about ±1).",
    "mlp.test": "Test share",
    "mlp.test_help": "Fraction of points held out. The network never trains on them; the test curves and the "
                     "test accuracy measure how well it generalises.",
    "mlp.seed_help": "Every random choice — the points, the train/test split, initial weights and batch order — "
                     "comes from this seed.",
    "mlp.regenerate": "New data",
    "mlp.regenerate_help": "Draw a fresh sample (the seed goes up by one; initial weights change too).",
    "mlp.csv_box": "Your own data (CSV)",
    "mlp.csv_only": "Points and noise do not apply to an uploaded file.",
    "mlp.no_csv": "No CSV loaded yet — upload one under *Advanced → Your own data*. Showing circles meanwhile.",

    # inputs
    "mlp.inputs_box": "Inputs",
    "mlp.features": "Features fed to the network",
    "mlp.features_help": "Each chosen feature is one input unit. x₁ and x₂ are the coordinates scaled to [-1, 1]; "
                         "the others are computed from them. The sines use πx so one period spans the square.",
    "mlp.feat.x1": "x₁",
    "mlp.feat.x2": "x₂",
    "mlp.feat.x1sq": "x₁²",
    "mlp.feat.x2sq": "x₂²",
    "mlp.feat.x1x2": "x₁x₂",
    "mlp.feat.sin_x1": "sin πx₁",
    "mlp.feat.sin_x2": "sin πx₂",
    "mlp.no_features": "Choose at least one input feature.",

    # network
    "mlp.net_box": "Network",
    "mlp.layers": "Hidden layers",
    "mlp.layers_help": "Use − and + to remove or add a hidden layer (0 to 6). Zero hidden layers is a linear "
                       "model: logistic regression for classes.",
    "mlp.units": "Layer {i}: units",
    "mlp.units_help": "Neurons in this layer (1 to 64).",
    "mlp.act": "Layer {i}: activation",
    "mlp.act_help": "The non-linearity after this layer's weighted sum. Without one (linear), extra layers add nothing.",
    "mlp.act.tanh": "tanh",
    "mlp.act.relu": "ReLU",
    "mlp.act.sigmoid": "sigmoid",
    "mlp.act.leaky_relu": "leaky ReLU",
    "mlp.act.linear": "linear",
    "mlp.n_params": "{n} weights and biases",

    # training
    "mlp.train_box": "Training",
    "mlp.lr": "Learning rate",
    "mlp.lr_help": "Step size of each update. Too small: slow. Too large: the loss jumps or blows up (the page "
                   "then stops and warns). Changing it starts a new run.",
    "mlp.advanced": "Advanced settings",
    "mlp.advanced_locked": "Advanced settings (locked in classroom view)",
    "mlp.loss": "Loss",
    "mlp.loss_help": "Cross-entropy compares softmax probabilities with the true class; MSE compares the raw outputs "
                     "with one-hot targets (what TensorFlow Playground uses). Regression always uses MSE.",
    "mlp.loss.cross_entropy": "cross-entropy",
    "mlp.loss.mse": "MSE",
    "mlp.loss_regression": "Regression data: the loss is MSE on the standardised target.",
    "mlp.opt": "Optimizer",
    "mlp.opt_help": "SGD steps down the gradient; momentum (μ = 0.9) keeps part of the previous step; Adam scales each "
                    "weight's step by its recent gradient size (Kingma & Ba 2015).",
    "mlp.opt.sgd": "SGD",
    "mlp.opt.momentum": "momentum",
    "mlp.opt.adam": "Adam",
    "mlp.reg": "Regularisation",
    "mlp.reg_help": "L2 pulls every weight towards 0 in proportion to its size; L1 by a constant amount, which "
                    "switches unneeded weights off. Biases are not penalised.",
    "mlp.reg.none": "none",
    "mlp.reg.l1": "L1",
    "mlp.reg.l2": "L2",
    "mlp.rate": "Regularisation rate",
    "mlp.rate_help": "Strength λ of the penalty, λ·Σ|w| (L1) or λ/2·Σw² (L2), divided by the number of training points.",
    "mlp.dropout": "Dropout",
    "mlp.dropout_help": "While training, each hidden unit is switched off with this probability at every step, "
                        "so no unit can rely on another. Off when drawing the surface.",
    "mlp.batch": "Batch size",
    "mlp.batch_help": "Points per weight update. Small batches: noisy but frequent steps; large: smooth but few.",
    "mlp.clip": "Gradient clipping",
    "mlp.clip_help": "Rescale the gradient whenever its overall length exceeds this value — a guard against "
                     "blow-ups at high learning rates.",
    "mlp.clip.off": "off",
    "mlp.epochs": "Epochs per Start",
    "mlp.epochs_help": "How far one press of Start trains (one epoch = one pass over the training points). "
                       "Press again to train more.",

    # view and panel
    "mlp.show_test": "Show test data",
    "mlp.show_test_help": "Draw the held-out points too (diamonds with a dark edge).",
    "mlp.discretize": "Discretize output",
    "mlp.discretize_help": "Colour each region by its predicted class only, without the fading that shows how sure "
                           "the network is.",
    "mlp.m.epoch": "Epoch",
    "mlp.m.train_loss": "Training loss",
    "mlp.m.test_loss": "Test loss",
    "mlp.m.train_acc": "Training accuracy",
    "mlp.m.test_acc": "Test accuracy",
    "mlp.m.train_r2": "Training R²",
    "mlp.m.test_r2": "Test R²",
    "mlp.m.loss_help": "Mean loss per point in nats (cross-entropy) or squared units of the standardised target (MSE).",
    "mlp.m.acc_help": "Share of points whose most likely class is the true class. Chance here is {p:.0%}.",
    "mlp.m.r2_help": "R² = 1 − (squared error / variance of the target): 1 is perfect, 0 is no better than the mean.",
    "mlp.surface_title": "Decision surface",
    "mlp.surface_caption": "Horizontal axis {x}, vertical axis {y}. Colour = the class the network predicts at each "
                           "spot of the plane; paler = less sure. Circles are training points, diamonds test points.",
    "mlp.classes_legend": "Classes: {legend}.",
    "mlp.surface_caption_reg": "Horizontal axis {x}, vertical axis {y}. Colour = the value the network predicts at "
                               "each spot (blue low, orange high); the points carry their true value in the same "
                               "colours. Circles are training points, diamonds test points.",
    "mlp.net_title": "The network",
    "mlp.net_caption": "Inputs on the left, outputs on the right. Each line is one weight: thicker = larger, "
                       "orange = positive, blue = negative.",
    "mlp.net_top": "Only the {n:,} largest of the {total:,} weights are drawn.",
    "mlp.units_title": "What each hidden unit responds to",
    "mlp.units_caption": "One tile per hidden unit: its output over the same plane (orange high, blue low, each tile "
                         "scaled to its own largest value). Deeper layers combine the simpler shapes of earlier ones.",
    "mlp.units_none": "No hidden layers: the inputs feed the output directly, so the boundary is a weighted sum "
                      "of the features.",
    "mlp.curves_title": "Loss",
    "mlp.score_title": "Accuracy",
    "mlp.score_title_reg": "R²",
    "mlp.cm_title": "Confusion matrix (test data)",
    "mlp.cm_empty": "The confusion matrix appears for classification data.",
    "mlp.diverged_hint": "The learning rate is probably too high: divide it by 10, or turn on gradient clipping "
                         "(Advanced), then press Reset. The network shown is the last one before the blow-up.",
    "mlp.layer_name": "layer {i}",
    "mlp.out_name": "out",

    # export
    "mlp.export": "Export",
    "mlp.export_model": "Model (.npz)",
    "mlp.export_model_help": "The trained network's weights and layer list, loadable with nncore.Sequential.load "
                             "(NumPy arrays, no pickle).",
    "mlp.export_history": "Training history (CSV)",
    "mlp.export_history_help": "One row per epoch: training and test loss, accuracy or R².",
    "mlp.export_code_nncore": "The same run in nncore",
    "mlp.export_code_sklearn": "The nearest scikit-learn code",
    "mlp.export_note": "Both scripts rebuild the current settings and train for {epochs} epochs.",

    # figures
    "mlp.fig.class_train": "class {c}",
    "mlp.fig.class_test": "class {c} (test)",
    "mlp.fig.points_train": "training points",
    "mlp.fig.points_test": "test points",
    "mlp.fig.prediction": "prediction",
    "mlp.fig.chance": "chance {p:.0%}",
    "mlp.fig.accuracy": "accuracy",
    "mlp.fig.r2": "R²",

    # CSV upload: the uploader's label and help (the control group's own texts are upload.*)
    "mlp.csv.upload": "Upload a CSV file",
    "mlp.csv.upload_help": "A text file with a header row: two numeric columns for x₁ and x₂ and one column with the "
                           "class or value. Comma, semicolon or tab separated, UTF-8 or UTF-16, at most {rows:,} rows.",

    # explanations
    "mlp.explain":
        "**What you see.** Each point is a sample with two coordinates (x₁, x₂) and a class (its colour). "
        "The network turns the chosen *features* of a point into class scores: each hidden unit computes a weighted "
        "sum of its inputs plus a bias and passes it through its activation; the output layer does the same, and a "
        "softmax turns the scores into probabilities. The background colour is that prediction evaluated on a "
        "100 × 100 grid covering the plane.\n\n"
        "**Training.** Every step takes a batch of training points, measures the loss (cross-entropy or MSE), "
        "computes the gradient of the loss with respect to every weight by backpropagation, and moves each weight a "
        "little against its gradient (SGD, momentum or Adam). One epoch is one pass over the training points.\n\n"
        "**Reading the curves.** Training loss measures how well the network fits the points it learns from; test "
        "loss, on points it never sees, measures generalisation. When training loss keeps falling but test loss "
        "rises, the network is memorising noise (overfitting).\n\n"
        "**Hidden units.** The tiles show each hidden unit's output over the plane. In the first layer each unit "
        "can only draw a soft straight edge (tanh/sigmoid) or a ramp (ReLU) of the features; later layers combine "
        "those into curves and islands. With the extra features (x₁², sin πx₁, …) the first layer already starts "
        "from curved shapes, so a smaller network suffices.\n\n"
        "**Brain link.** A unit's weighted sum and threshold-like activation is a drastic simplification of a "
        "neuron integrating synaptic input; the weights are loosely analogous to synaptic strengths. Backpropagation "
        "itself has no established counterpart in the brain.",
    "mlp.explain_scene.playground":
        "\n\n**Free play.** Change the data, the features or the network and press Start; the scenes in the menu "
        "above each ask one question (does XOR need a hidden layer? when does a big network overfit?).",
    "mlp.explain_scene.xor":
        "\n\n**Why XOR needs a hidden layer.** Without hidden units the prediction is softmax(w₁x₁ + w₂x₂ + b): the "
        "boundary is one straight line, and no line separates two diagonal quadrants from the other two (Minsky & "
        "Papert, *Perceptrons*, 1969). A hidden layer gives the network several lines to combine; the input x₁x₂ "
        "alone is positive in two quadrants and negative in the other two, so it solves XOR with no hidden layer.",
    "mlp.explain_scene.spiral":
        "\n\n**Depth or features.** A spiral's boundary winds round the centre. From x₁ and x₂ alone, the first "
        "layer's straight edges must be folded many times, which takes several layers; given sin πx₁, sin πx₂ and "
        "the squares, a single small layer can already combine curved pieces.",
    "mlp.explain_scene.overfit":
        "\n\n**Overfitting.** With 30 training points and thousands of weights the network can fit every training "
        "point, noise included, by drawing islands around single points. The test points disagree, so test loss "
        "rises while training loss falls. More data, L2 or dropout, or fewer units each reduce the gap.",
    "mlp.explain_scene.keras":
        "\n\n**The article's example.** The article trains on `Y = randint(0, 2, 1000)` — labels drawn at random, "
        "independent of X — and reports no result. There is nothing to learn: held-out accuracy stays at chance, "
        "and this 2-4-1 network is too small even to memorise its training labels (a large one can; see the "
        "Memory page and Zhang et al. 2017, ICLR).",
}
