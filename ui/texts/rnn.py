"""RNN page strings."""

EN = {
    "rnn.nav": "RNN",
    "rnn.title": "Recurrent networks: how long can a network remember?",
    "rnn.lead": "A recurrent network feeds its own hidden state back in at every time step, so what it saw earlier can "
                "still shape what it does now. Press **Start** to train one live, then look at its hidden state over "
                "time, at how much learning signal reaches earlier steps, and at how its memory span compares with "
                "the gated cells LSTM and GRU.",

    # the article
    "rnn.article_title": "The article calls an RNN \"a special type of feedforward network\" — it is not",
    "rnn.article_body":
        "**The article says** a recurrent neural network is a special kind of feedforward network, calls it "
        "递归神经网络, and stops at one formula. **Actually**, the defining feature of a recurrent network is "
        "*feedback*: the hidden state at step t is computed from the input at step t **and the hidden state at step "
        "t − 1**,\n\n"
        "hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh),\n\n"
        "so information can circulate in time — that loop is exactly what a feedforward network lacks. (Unrolled over "
        "a fixed number of steps, the computation *looks* like a deep feedforward network whose layers share weights; "
        "that is how it is trained, by backpropagation through time, but the model itself is recurrent.) The usual "
        "Chinese term is **循环神经网络**; 递归神经网络 usually means *recursive* networks, which run over trees. "
        "(SEED-ERRATA #7.)",

    # controls
    "rnn.task": "Task",
    "rnn.task_help": "What the network has to do with a sequence. Each task has a memory knob: how many steps apart "
                     "the thing to remember and the moment it is needed are.",
    "rnn.task_delayed_recall": "Delayed recall (see a symbol, answer it later)",
    "rnn.task_copy": "Copy (repeat three symbols after a gap)",
    "rnn.task_parity": "Running parity (odd or even number of 1s so far)",
    "rnn.task_sine": "Sine prediction (next value of a wave)",
    "rnn.cell": "Cell",
    "rnn.cell_help": "RNN: the plain (Elman) cell, hₜ = tanh(W_ih xₜ + W_hh hₜ₋₁ + b). LSTM: a cell state protected by "
                     "input, forget and output gates (Hochreiter & Schmidhuber 1997). GRU: reset and update gates "
                     "(Cho et al. 2014). Same equations and parameter layout as PyTorch.",
    "rnn.hidden": "Hidden units",
    "rnn.hidden_help": "Size of the hidden state hₜ. An LSTM has 4× and a GRU 3× the parameters of a plain RNN of the same size.",
    "rnn.memory_delayed_recall": "Delay (steps)",
    "rnn.memory_delayed_recall_help": "How many steps pass between seeing the symbol and the \"go\" cue that asks for it.",
    "rnn.memory_copy": "Gap (steps)",
    "rnn.memory_copy_help": "How many blank steps pass between the three symbols and the cue to repeat them.",
    "rnn.memory_parity": "Sequence length (bits)",
    "rnn.memory_parity_help": "How many bits; the answer at each step depends on every bit so far.",
    "rnn.memory_sine": "Window (steps)",
    "rnn.memory_sine_help": "How many past values of the wave the network sees before predicting the next one.",
    "rnn.noise": "Distractors (noise)",
    "rnn.noise_help": "Delayed recall only: random values (standard deviation shown) on the symbol channels during "
                      "the delay. The network has to hold the symbol and ignore these. 0 = a silent delay.",
    "rnn.lr": "Learning rate",
    "rnn.lr_help": "Adam's step size. Too large: the loss jumps about or diverges; too small: slow progress.",
    "rnn.clip": "Gradient clipping (global norm)",
    "rnn.clip_help": "Before each step, if the norm of all gradients together is above this value, scale them down "
                     "to it (Pascanu, Mikolov & Bengio 2013). It tames exploding gradients; it cannot fix vanishing ones.",
    "rnn.clip_off": "off",
    "rnn.epochs": "Epochs per Start",
    "rnn.epochs_help": "How many passes over the 600 training sequences each Start trains.",

    # live training
    "rnn.test_acc": "Test accuracy",
    "rnn.test_acc_help": "On 200 held-out sequences (per step for copy and parity).",
    "rnn.chance_metric": "Chance level",
    "rnn.chance_help": "The best score without any memory of the input (for copy: always answering \"blank\").",
    "rnn.test_mse": "Test MSE",
    "rnn.test_mse_help": "Mean squared error of the predicted next value on 200 held-out waves (the wave has amplitude 1; "
                         "the noise alone gives about 0.0025).",
    "rnn.params": "Parameters",
    "rnn.params_help": "Weights and biases of the {cell} layer and its read-out.",
    "rnn.curve_loss": "Loss",
    "rnn.curve_acc": "Accuracy",
    "rnn.loss_unit": "loss (nats; MSE for sine)",
    "rnn.diverged_hint": "Try a smaller learning rate, or switch gradient clipping on.",
    "rnn.pause_to_inspect": "Training… Pause (or wait for the end) to look at one sequence, the hidden state and the gradients.",
    "rnn.untrained_note": "This model is untrained (random weights): press **Start** above and come back.",

    # tabs
    "rnn.tab_sequence": "One sequence",
    "rnn.tab_hidden": "Hidden state & the brain",
    "rnn.tab_gradients": "Vanishing gradients",
    "rnn.tab_span": "Memory span: RNN vs LSTM vs GRU",

    # one sequence
    "rnn.pick": "Test sequence",
    "rnn.pick_help": "Which held-out sequence to show (the same one in the hidden-state tab).",
    "rnn.seq_input": "Input over time",
    "rnn.seq_answer": "Target and the network's answer",
    "rnn.seq_target": "target",
    "rnn.seq_pred": "network",
    "rnn.seq_proba": "P(symbol)",
    "rnn.symbol": "symbol {k}",
    "rnn.go_cue": "go cue",
    "rnn.bit": "bit",
    "rnn.label": "label",
    "rnn.probability": "probability",
    "rnn.time_step": "time step",
    "rnn.sine_value": "value",
    "rnn.recall_verdict": "shown {target}, answered {pred}",
    "rnn.hover_input": "step %{x}, %{y}: %{z:.2f}",
        "rnn.seq_caption_delayed_recall": "Left: the input — the symbol appears at step 0 (one-hot), then comes the delay "
                                      "(the speckle is the distractor noise), then the go cue. Right: the network's "
                                      "probability for each symbol at the go cue; the outlined bar is the symbol shown.",
    "rnn.seq_caption_copy": "Top: three symbols, a blank gap, then the cue to repeat them. Bottom: per step, the target "
                            "(open circle) and the network's answer (dot); \"—\" means blank.",
    "rnn.seq_caption_parity": "Top: the bits. Bottom: per step, the parity of all bits so far (open circle) and the "
                              "network's answer (dot).",
    "rnn.seq_caption_sine": "The window the network sees (grey) and, one step later, the true next value (open circle) "
                            "and its prediction (dot).",

    # hidden state and the brain
    "rnn.hidden_title": "{cell} hidden state ({state})",
    "rnn.trained": "trained",
    "rnn.untrained": "untrained",
    "rnn.hidden_unit": "hidden unit",
    "rnn.hover_hidden": "step %{x}, unit %{y}: %{z:.2f}",
    "rnn.mark_cue": "cue",
    "rnn.mark_go": "go",
    "rnn.hidden_caption": "Each row is one hidden unit, each column a time step; colour is its value (−1 … 1). "
                          "A unit that keeps a symbol-specific value through the whole delay is the network's memory "
                          "of the cue. Move the test-sequence slider to see how the pattern changes with the symbol.",
    "rnn.brain_title": "#### In the brain: working memory as persistent activity",
    "rnn.brain_body":
        "Monkeys trained to remember where a light flashed, and to look there only after a delay of a few seconds, "
        "have neurons in the dorsolateral prefrontal cortex that **keep firing through the delay**, each for its "
        "preferred location, and stop when the answer is given (Funahashi, Bruce & Goldman-Rakic 1989, "
        "*J Neurophysiol* 61:331–349; delay activity was first reported by Fuster & Alexander 1971, *Science* 173:652). "
        "That is the same idea as the hidden state on the left: information held as ongoing activity, kept alive by "
        "recurrent connections.\n\n"
        "The analogy has limits. Cortex does this with spiking neurons, much slower time constants and "
        "learning rules other than backpropagation through time; and not all working memory is persistent firing — "
        "some may be held silently in short-term synaptic changes (Mongillo, Barak & Tsodyks 2008, *Science* 319:1543).",
    "rnn.memory_link": "The Memory page: attractor memory in a Hopfield network, and memory stored in synapses",

    # gradients
    "rnn.steps_back": "steps before the loss",
    "rnn.grad_axis": "‖∂L/∂hₜ‖ relative to the last step",
    "rnn.grad_init": "{cell}, untrained",
    "rnn.grad_trained": "{cell}, trained (this run)",
    "rnn.hover_grad": "%{x} steps back: %{y:.2e}",
    "rnn.grad_numbers": "With a loss on the last of {T} steps only, the gradient that reaches the first step, "
                        "{steps} steps back, is **{rnn:.1e}** of its size at the end for the untrained RNN, "
                        "**{lstm:.1e}** for the LSTM and **{gru:.1e}** for the GRU.",
    "rnn.grad_caption": "Backpropagation through time multiplies the error signal by the recurrent Jacobian once per "
                        "step back. For a plain RNN that factor is W_hh scaled by tanh′ ≤ 1, so the signal usually "
                        "shrinks geometrically — a straight falling line on this log scale — and early steps barely "
                        "learn (Bengio, Simard & Frasconi 1994). The LSTM's cell state passes the error back through "
                        "the forget gate, multiplied by f (here initialised near σ(1) ≈ 0.73 and learnable up to 1), "
                        "which is why gated cells reach further back.",

    # memory span
    "rnn.span_intro": "For each cell and each delay ({delays} steps), a fresh model is trained on delayed recall for "
                      "{epochs} epochs ({n} sequences, 25 % held out) with the hidden size ({hidden}), distractor level "
                      "({noise:g}), learning rate ({lr:g}) and seed ({seed}) set above, and tested on the held-out "
                      "sequences. Results are cached: the second time the same settings are asked for, they appear at once.",
    "rnn.span_run": "Measure the memory span",
    "rnn.span_run_help": "Trains 15 small models (3 cells × 5 delays); takes about half a minute the first time for "
                         "each setting.",
    "rnn.span_not_run": "Not measured yet for these settings.",
    "rnn.span_progress": "Training model {done} of {total}…",
    "rnn.delay_axis": "delay between symbol and go cue (steps)",
    "rnn.span_axis": "test accuracy",
    "rnn.hover_span": "{cell}, delay %{{x}}: %{{y:.0%}}",
    "rnn.chance": "chance (25 %)",
    "rnn.delay_col": "delay {d}",
    "rnn.span_caption": "Where a line falls to the dotted chance level, that cell did not learn to carry the symbol "
                        "across the delay within this budget. In our runs all three cells bridge short delays, and "
                        "beyond about 20 steps the results depend on the seed and the distractors — the plain RNN is "
                        "not always the first to fail. One reason: Adam rescales even tiny gradients to full-size "
                        "steps, which partly hides vanishing gradients on a task this simple. The gates' advantage "
                        "(Hochreiter & Schmidhuber 1997) is clearest in the gradient tab, and grows with longer delays, "
                        "harder tasks and plain SGD. One seed is one sample: try another.",

    # explanation
    "rnn.explain":
        "**What the network computes.** At each step t a recurrent layer combines the new input xₜ with its own "
        "previous state hₜ₋₁. The plain RNN does it in one line, hₜ = tanh(W_ih xₜ + b_ih + W_hh hₜ₋₁ + b_hh). "
        "The **LSTM** keeps a separate cell state cₜ = f ⊙ cₜ₋₁ + i ⊙ g and outputs hₜ = o ⊙ tanh cₜ, where the "
        "input gate i, forget gate f and output gate o are sigmoids between 0 and 1 — the network learns when to "
        "write, keep and read. The **GRU** merges the roles into an update gate z and a reset gate r: "
        "hₜ = (1 − z) ⊙ n + z ⊙ hₜ₋₁. A read-out layer turns the hidden state into the answer, at the last step "
        "(delayed recall, sine) or at every step (copy, parity).\n\n"
        "**How it learns.** Backpropagation through time: unroll the loop over the sequence, run the chain rule "
        "backwards from the loss through every step, and add up each weight's gradient over the steps (our engine "
        "computes these sums as single matrix products over all steps at once). The gradients are checked against "
        "finite differences and against PyTorch in the test suite.\n\n"
        "**Why memory is hard.** The error signal for something seen k steps ago is multiplied by k Jacobians on "
        "its way back. If they shrink it, the gradient *vanishes* and the network cannot learn long dependencies; if "
        "they grow it, it *explodes* (gradient clipping handles that). Gates give the signal a path whose factor the "
        "network can hold near 1 — that is the whole point of the LSTM (Hochreiter & Schmidhuber 1997). Our LSTM "
        "starts with forget-gate bias 1, as Keras does, which helps it remember from the first epoch "
        "(Jozefowicz, Zaremba & Sutskever 2015).",
}
