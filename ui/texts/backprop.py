"""Backprop page strings."""

EN = {
    "backprop.nav": "Backprop",
    "backprop.title": "Backpropagation, one number at a time",
    "backprop.lead": "A network with 2 inputs, a few hidden units and 1–2 outputs learns from **one** example. "
                     "Press **Next** to watch every number of the forward pass appear, then every derivative of the "
                     "backward pass: each gradient is a local derivative times the gradient that arrives from above.",

    # controls
    "backprop.hidden": "Hidden units",
    "backprop.hidden_help": "How many units the hidden layer has (2 or 3).",
    "backprop.outputs": "Outputs",
    "backprop.outputs_help": "How many output units (1 or 2). Softmax with cross-entropy needs 2.",
    "backprop.act": "Hidden activation f",
    "backprop.act_help": "The function each hidden unit applies to its weighted sum z. Its derivative f′ "
                         "is the local factor the backward pass multiplies by at the hidden layer.",
    "backprop.act.sigmoid": "sigmoid σ",
    "backprop.act.tanh": "tanh",
    "backprop.act.relu": "ReLU",
    "backprop.act.leaky_relu": "leaky ReLU (slope 0.01)",
    "backprop.act.linear": "linear (none)",
    "backprop.head": "Output g and loss L",
    "backprop.head_help": "The output activation and the loss that compares the prediction ŷ with the target y. "
                          "All losses are means (over samples and, for BCE and MSE, over outputs), as in nncore.",
    "backprop.head.sigmoid_bce": "sigmoid + binary cross-entropy",
    "backprop.head.linear_mse": "linear + mean squared error",
    "backprop.head.sigmoid_mse": "sigmoid + mean squared error",
    "backprop.head.softmax_ce": "softmax + cross-entropy",
    "backprop.softmax_needs_two": "Softmax with cross-entropy needs at least 2 outputs (with one output the softmax is "
                                  "always 1 and the loss always 0), so this network uses 2.",
    "backprop.x_help": "The one training example the network sees (dimensionless numbers).",
    "backprop.y_help.sigmoid_bce": "The target for this output: a probability between 0 and 1.",
    "backprop.y_help.linear_mse": "The target value for this output.",
    "backprop.y_help.sigmoid_mse": "The target value; a sigmoid output can only reach values between 0 and 1.",
    "backprop.sigmoid_target_warning": "A sigmoid output lies between 0 and 1, so a target outside that range can never "
                                       "be reached; the loss can only approach its floor.",
    "backprop.class": "Target class c",
    "backprop.class_help": "Which output should win (its softmax probability should be 1).",
    "backprop.weights": "Weights and biases (edit any number)",
    "backprop.reset_weights": "Default weights",
    "backprop.reset_weights_help": "Put back the hand-picked starting weights and biases.",
    "backprop.random_weights": "Random weights",
    "backprop.random_weights_help": "Draw new weights and biases uniformly in [−1, 1] (rounded to 0.01; seeded, "
                                    "so the n-th press always gives the same numbers).",
    "backprop.param.W1": "**W⁽¹⁾** — input → hidden, row j holds the weights into hidden unit j (shape hidden × 2)",
    "backprop.param.b1": "**b⁽¹⁾** — hidden biases",
    "backprop.param.W2": "**W⁽²⁾** — hidden → output, row k holds the weights into output k (shape outputs × hidden)",
    "backprop.param.b2": "**b⁽²⁾** — output biases",
    "backprop.param.W1_help": "Weight from input i to hidden unit j (W⁽¹⁾[j,i], PyTorch layout: out × in).",
    "backprop.param.b1_help": "Bias of a hidden unit: added to its weighted sum.",
    "backprop.param.W2_help": "Weight from hidden unit j to output k (W⁽²⁾[k,j]).",
    "backprop.param.b2_help": "Bias of an output unit.",

    # tabs
    "backprop.tab.steps": "Step by step",
    "backprop.tab.check": "Gradient check",
    "backprop.tab.descent": "Gradient descent",
    "backprop.tab.batch": "Batch view",
    "backprop.tab.article": "The article says / Actually",

    # stepping
    "backprop.back": "Back",
    "backprop.back_help": "One step back.",
    "backprop.next": "Next",
    "backprop.next_help": "Show the next quantity: forward first, then backward from the loss to the first layer.",
    "backprop.step": "Step",
    "backprop.step_help": "Jump to any step; the step is part of the page address, so a shared link opens here.",
    "backprop.step_title": "**Step {i} of {n}** — {phase}: {name}",
    "backprop.phase.forward": "forward pass",
    "backprop.phase.backward": "backward pass",
    "backprop.matrix_form": "The same step as a matrix formula (shapes in brackets, one example so N = 1):",
    "backprop.grad_note": "This is a parameter gradient: the number gradient descent uses to change {param}. "
                          "The Gradient check tab compares it with a finite-difference estimate.",
    "backprop.whole_chain": "The whole chain (current step highlighted)",
    "backprop.fig.inputs": "input",
    "backprop.fig.hidden": "hidden",
    "backprop.fig.outputs": "output",
    "backprop.fig.loss": "loss",
    "backprop.fig.caption": "Orange edges: positive weights; blue: negative; thickness ∝ |w|. The current step is "
                            "highlighted in vermillion. Numbers appear as the pass reaches them; hover a node for all of them.",

    # step names
    "backprop.s.X": "the input",
    "backprop.s.Z1": "hidden pre-activations z⁽¹⁾",
    "backprop.s.H": "hidden activations h",
    "backprop.s.Z2": "output pre-activations z⁽²⁾",
    "backprop.s.Yhat": "the prediction ŷ",
    "backprop.s.L": "the loss L",
    "backprop.s.dL_dYhat": "local derivative of the loss, ∂L/∂ŷ",
    "backprop.s.g_prime": "local derivative of the output activation, g′(z⁽²⁾)",
    "backprop.s.delta2": "chain rule at the output, δ⁽²⁾ = ∂L/∂z⁽²⁾",
    "backprop.s.dW2": "gradient on the hidden → output weights",
    "backprop.s.db2": "gradient on the output biases",
    "backprop.s.dH": "chain rule back to the hidden units, ∂L/∂h",
    "backprop.s.f_prime": "local derivative of the hidden activation, f′(z⁽¹⁾)",
    "backprop.s.delta1": "chain rule at the hidden layer, δ⁽¹⁾ = ∂L/∂z⁽¹⁾",
    "backprop.s.dW1": "gradient on the input → hidden weights",
    "backprop.s.db1": "gradient on the hidden biases",

    # step descriptions
    "backprop.d.X": "The example enters the network. Nothing is computed yet.",
    "backprop.d.Z1": "Each hidden unit adds up its inputs, each times its weight, plus its bias.",
    "backprop.d.H": "Each hidden unit passes its sum through the activation f.",
    "backprop.d.Z2": "Each output unit adds up the hidden activations times **its own** weights W⁽²⁾, plus **its own** bias "
                     "b⁽²⁾ — not the first layer's.",
    "backprop.d.Yhat": "The output activation g turns the sums into the prediction ŷ.",
    "backprop.d.L": "The loss measures how far the prediction is from the target. Backpropagation starts here.",
    "backprop.d.dL_dYhat": "How much the loss changes when a prediction changes a little: the first local derivative.",
    "backprop.d.g_prime": "How much each prediction changes when its pre-activation changes: the output activation's "
                          "slope at z⁽²⁾.",
    "backprop.d.delta2": "Chain rule: the gradient arriving from the loss times the local slope. δ⁽²⁾ is the "
                         "\"error signal\" of each output unit.",
    "backprop.d.dW2": "A weight's gradient is the error signal of the unit it feeds times the activation it carries: "
                      "∂z⁽²⁾ₖ/∂W⁽²⁾ₖⱼ = hⱼ is the local derivative.",
    "backprop.d.db2": "A bias always carries the input 1, so its gradient is just the unit's error signal.",
    "backprop.d.dH": "Each hidden unit feeds every output, so its gradient **sums** the outputs' error signals, each "
                     "weighted by the connecting weight (the local derivative ∂z⁽²⁾ₖ/∂hⱼ = W⁽²⁾ₖⱼ).",
    "backprop.d.f_prime": "The hidden activation's slope at z⁽¹⁾. Where it is 0 (ReLU with z < 0) or tiny (saturated "
                          "sigmoid), the gradient stops here.",
    "backprop.d.delta1": "Chain rule again: gradient from above times local slope gives the hidden units' error signals.",
    "backprop.d.dW1": "Same rule as for W⁽²⁾: error signal of the hidden unit times the input on that edge.",
    "backprop.d.db1": "And the hidden biases: their gradient is the hidden error signal. The backward pass is complete.",

    # gradient check
    "backprop.gc.intro": "Every gradient above came from nncore's layers (`backward`). Here each one is compared with a "
                         "**finite-difference** estimate, (L(θ + ε) − L(θ − ε)) / 2ε with ε = 10⁻⁶, computed by "
                         "`nncore.gradcheck` in float64. Relative error = |a − n| / (|a| + |n|).",
    "backprop.gc.param": "parameter",
    "backprop.gc.analytic": "analytic (backprop)",
    "backprop.gc.numerical": "numerical (finite difference)",
    "backprop.gc.rel": "relative error",
    "backprop.gc.ok": "agrees (< 10⁻⁶)",
    "backprop.gc.worst": "Largest relative error",
    "backprop.gc.worst_help": "Around 10⁻⁸ or smaller means the backward pass is right; values near 1 mean a bug "
                              "(or a kink, e.g. ReLU exactly at z = 0).",
    "backprop.gc.n": "Parameters checked",
    "backprop.gc.n_help": "Every weight and bias of the network.",
    "backprop.gc.pass": "Every analytic gradient matches its finite-difference estimate to better than 10⁻⁶.",
    "backprop.gc.fail": "The largest relative error is {worst:.1e}. This happens at kinks (a ReLU input within 10⁻⁶ of 0) "
                        "or where the loss is clipped (BCE with ŷ within 10⁻⁷ of 0 or 1): change a weight slightly.",

    # gradient descent
    "backprop.gd.intro": "One step of gradient descent moves every parameter against its gradient, with step size η "
                         "(the learning rate). It uses nncore's `SGD` optimizer on the gradients from the step-by-step view.",
    "backprop.gd.lr": "Learning rate η",
    "backprop.gd.lr_help": "How far one step moves the parameters along the negative gradient (dimensionless).",
    "backprop.gd.too_small": "too small",
    "backprop.gd.good": "good",
    "backprop.gd.too_large": "too large",
    "backprop.gd.too_small_help": "1/100 of the good rate: the loss barely moves.",
    "backprop.gd.good_help": "The largest rate (on a grid from 10⁻³ to 10³) for which every step still lowers the loss by "
                             "at least half of what the slope promises (the Armijo condition).",
    "backprop.gd.too_large_help": "The first larger rate whose step ends above the starting loss (overshoot) — or "
                                  "100 × good when no rate on the grid does.",
    "backprop.gd.loss_before": "Loss before",
    "backprop.gd.loss_after": "Loss after one step",
    "backprop.gd.nats": "In nats for the cross-entropy losses; in squared output units for MSE.",
    "backprop.gd.grad_norm": "Gradient norm ‖∂L/∂θ‖",
    "backprop.gd.grad_norm_help": "The length of the whole gradient (all 9–17 parameters together).",
    "backprop.gd.updated": "The parameters after the step (before the step they are the ones in the weights panel).",
    "backprop.gd.sweep_title": "**Loss after one step, for every learning rate**",
    "backprop.gd.traj_title": "**Twenty steps at the three rates**",
    "backprop.gd.after_one": "loss after one step",
    "backprop.gd.before_line": "loss before",
    "backprop.gd.yours": "your η",
    "backprop.gd.lr_axis": "learning rate η (log scale)",
    "backprop.gd.loss_axis": "loss",
    "backprop.gd.steps_axis": "gradient-descent step",
    "backprop.gd.no_rise": "With this output and one example, no rate up to 10³ makes one step *raise* the loss: the "
                           "saturating output absorbs the overshoot (the units saturate instead, and their gradients "
                           "vanish). Choose **linear + mean squared error** to see a step overshoot and the loss jump.",
    "backprop.gd.lesson": "**Too small**: each step follows the slope faithfully but hardly moves. **Good**: the loss "
                          "falls quickly. **Too large**: the step jumps past the valley — the loss goes up or bounces, "
                          "and with more steps it can diverge.",

    # batch
    "backprop.batch.intro": "The same network on a mini-batch of N = {n} examples (the first row is your example; the "
                            "others are fixed, seeded random points). Every quantity is now a matrix with one row per "
                            "example; the loss is the mean over the batch, so each δ carries a factor 1/N, and the bias "
                            "gradients **sum over the samples** (rows), not over units. Shapes in brackets.",
    "backprop.batch.check": "Gradient check on this batch: largest relative error {worst:.1e}.",

    # the article
    "backprop.art.intro": "The source article (§3.1.3 and §3.2.3) gives these formulas for a network with n inputs, "
                          "m hidden units and p outputs. Several are wrong; the corrected versions are on the right, "
                          "and below they are checked on the network above.",
    "backprop.art.says": "#### The article says",
    "backprop.art.fwd_label": "Forward pass (§3.1.3), with **one** weight matrix W and **one** bias b:",
    "backprop.art.grad_w_label": "Gradient labelled **\"input → hidden\"** (§3.2.3):",
    "backprop.art.grad_b_label": "Bias gradient labelled **\"hidden → output\"**, summed over the **m hidden units**:",
    "backprop.art.naming": "…with **Y the prediction and Ŷ the truth**.",
    "backprop.art.actually": "#### Actually",
    "backprop.art.fwd_fix": "Each layer has its **own** weights and bias (W₁ is m × n, W₂ is p × m in this page's "
                            "PyTorch layout; one matrix cannot have both shapes unless n = m = p):",
    "backprop.art.w2_fix": "Hᵀ(…) is the gradient of the **hidden → output** weights W₂, with Ŷ the prediction (the usual "
                           "convention) and Δ₂ the output error signal:",
    "backprop.art.delta_fix": "Δ₂ equals (Ŷ − Y)/N only for sigmoid + binary cross-entropy (one output) or softmax + "
                              "cross-entropy; for linear + MSE it is 2(Ŷ − Y)/(N·p); for sigmoid + MSE it also has the "
                              "factor Ŷ(1 − Ŷ):",
    "backprop.art.w1_fix": "The **input → hidden** gradient needs the chain rule through W₂ and f′:",
    "backprop.art.b_fix": "Bias gradients **sum over the N samples** of the batch, not over hidden units:",
    "backprop.art.checked": "#### Checked on this network",
    "backprop.art.same_w": "Here W₁ must be {h} × 2 and W₂ must be {o} × {h}: no single W fits both layers. "
                           "The article's gradient formula, evaluated with Ŷ as the prediction, beside nncore's two true "
                           "weight gradients:",
    "backprop.art.equal": "With **{head}** and one example, Hᵀ(Ŷ − Y) is exactly ∂L/∂W₂ — the **hidden → output** "
                          "gradient, not the input → hidden one the article says. It has W₂'s shape, not W₁'s.",
    "backprop.art.proportional": "With **{head}**, Hᵀ(Ŷ − Y) points the same way as ∂L/∂W₂ (the hidden → output "
                                 "gradient) but differs by a constant factor that comes from averaging in the loss (2/p for "
                                 "a mean squared error over p outputs, 1/p for binary cross-entropy over p outputs). It is "
                                 "never the input → hidden gradient.",
    "backprop.art.different": "With **{head}**, Hᵀ(Ŷ − Y) is not even ∂L/∂W₂: the output activation's slope "
                              "g′(z) = Ŷ(1 − Ŷ) does not cancel, so the simple error form only holds for matched "
                              "output/loss pairs.",
    "backprop.art.source": "Source: the article's §3.1.3 and §3.2.3 (project seed, in Chinese); corrections as listed in "
                           "the lab's errata, items 4 and 5. The numbers above are computed live by nncore.",

    "backprop.explain":
        "**Forward.** Each unit computes a weighted sum of its inputs plus a bias, z = Σ wᵢxᵢ + b, and passes it "
        "through an activation. The loss compares the final output ŷ with the target y.\n\n"
        "**Backward.** The chain rule says: the derivative of the loss with respect to any quantity is the derivative "
        "*arriving from above* times the *local* derivative of that step. So the backward pass walks the network in "
        "reverse, multiplying as it goes: ∂L/∂ŷ, then times g′ to get the output error δ⁽²⁾, then times the hidden "
        "activation hⱼ to get each weight's gradient. To continue to the first layer, each hidden unit collects the "
        "error signals of all the outputs it feeds (weighted by W⁽²⁾), multiplies by f′, and the same rule gives W⁽¹⁾'s "
        "gradients. Nothing is computed twice — that is why backpropagation costs about as much as one forward pass.\n\n"
        "**Checking.** The analytic gradients are compared with finite differences: nudge one parameter up and down "
        "by ε, see how the loss changes. Agreement to ~10⁻⁸ means the backward pass is right. The tests of this page "
        "assert the two agree to 10⁻⁶ for every activation and loss.\n\n"
        "**Learning.** Gradient descent subtracts η × gradient from every parameter. The gradient only describes the "
        "loss nearby, so a step that is too large jumps past where the slope was measured.\n\n"
        "All numbers on this page come from nncore's own `Dense` and activation layers, its losses, its `SGD` and "
        "`gradcheck` — the same code that trains the networks on the other pages.",
}
