"""Memory page strings (keys ``memory.*``)."""

EN = {
    "memory.nav": "Memory",
    "memory.title": "Memory: Hebbian attractors beside backprop weights",
    "memory.lead": "The source article promises to explain how brain memory corresponds to neural-network memory "
                   "and then never does. Here is the comparison: a **Hopfield network** stores patterns in one pass of a "
                   "local, Hebbian rule and recalls a whole memory from a damaged cue by rolling downhill in energy; a "
                   "**backprop-trained network** stores what it learns in weights found by many small error-driven steps — "
                   "and can memorise even labels that mean nothing.",
    "memory.view": "View",
    "memory.view_help": "Pick one experiment; each is a separate question about memory.",
    "memory.view_patterns": "Store & recall",
    "memory.view_capacity": "Capacity",
    "memory.view_hebb_vs_bp": "Hebbian vs backprop",
    "memory.view_memorise": "Memorising vs generalising",
    "memory.view_timescales": "Timescales",

    # -- store & recall --------------------------------------------------------
    "memory.source": "Patterns",
    "memory.source_help": "What to store: letters or digits drawn on a 10×10 grid (N = 100 units), or random ±1 patterns.",
    "memory.source_letters": "letters",
    "memory.source_digits": "digits",
    "memory.source_random": "random",
    "memory.store": "Store these",
    "memory.store_help": "Each chosen pattern is stored with one Hebbian pass. Similar patterns (the digits 0, 6, 8, 9 overlap "
                         "a lot) interfere with each other; try storing them together.",
    "memory.n_random": "How many random patterns",
    "memory.n_random_help": "P random ±1 patterns of N = 100 units. Capacity is about 0.138 N ≈ 14 patterns.",
    "memory.need_pattern": "Choose at least one pattern to store.",
    "memory.cue": "Cue",
    "memory.cue_help": "Which stored pattern to damage and present to the network.",
    "memory.noise": "Damage (% of cells flipped)",
    "memory.noise_help": "This percentage of the cue's 100 cells is flipped at random. At 50 % the cue carries no "
                         "information about the pattern.",
    "memory.seed_help": "Chooses which cells are flipped and the order in which units update.",
    "memory.mode": "Updates",
    "memory.mode_help": "Asynchronous: one unit at a time, in random order — the energy can only fall. "
                        "Synchronous: all units at once — faster, but it can oscillate between two states.",
    "memory.mode_async": "asynchronous",
    "memory.mode_sync": "synchronous",
    "memory.edit": "Edit the cue cell by cell",
    "memory.edit_help": "Tick a box for ink, untick for paper. Your edits replace the randomly damaged cue "
                        "until you change the pattern, damage or seed.",
    "memory.edit_caption": "Row by row, a ticked box is ink (+1).",
    "memory.stored_title": "Stored memories (one Hebbian pass each)",
    "memory.recall_title": "Recall, step by step",
    "memory.recall_caption": "Press ▶ to watch the network clean up the cue; the slider moves through the updates that "
                             "flipped a unit. The energy E = −½ Σᵢⱼ Wᵢⱼ sᵢ sⱼ (dimensionless) never rises under asynchronous updates.",
    "memory.landed": "Recalled",
    "memory.landed_spurious": "a spurious state",
    "memory.landed_reversed": "−{name} (inverted)",
    "memory.landed_help": "The stored pattern with overlap ≥ 0.9 with the final state; otherwise a spurious state "
                          "(a mixture of memories, or a spin-glass minimum).",
    "memory.flips": "Units flipped",
    "memory.flips_help": "How many single-unit updates changed a unit, out of {n} updates in {sweeps} sweep(s).",
    "memory.energy_change": "Energy at the end",
    "memory.energy_change_help": "E = −½ Σᵢⱼ Wᵢⱼ sᵢ sⱼ of the final state (dimensionless); below it, the change from the cue's energy {start:.1f}.",
    "memory.wrong_cells": "Wrong cells",
    "memory.wrong_cells_help": "Cells of the final state that differ from the cue's original pattern (of 100). Before recall: {before}.",
    "memory.not_converged": "The synchronous updates did not settle: the state keeps alternating between two patterns "
                            "(a 2-cycle). Asynchronous updates always settle.",
    "memory.overlap_title": "Which memory did it land in?",
    "memory.weights_title": "The weight matrix W (100 × 100)",
    "memory.weights_caption": "Wᵢⱼ = (1/N) Σ_μ ξᵢ^μ ξⱼ^μ: units that are on together in the stored patterns excite each other, "
                              "units that disagree inhibit each other (Hebb 1949: cells that fire together wire together). "
                              "The diagonal is zero.",
    "memory.explain_patterns":
        "**Storing.** Each pattern ξ (100 cells of ±1) adds its outer product to the weights: Wᵢⱼ += ξᵢξⱼ/N. "
        "That is the whole learning rule — one pass, and each synapse only needs the activity of the two units it "
        "connects (a *local* rule), like Hebbian plasticity in the brain (Hebb 1949; Hopfield 1982, PNAS 79:2554).\n\n"
        "**Recalling.** Start from the damaged cue and repeatedly pick a unit and set it to the sign of its input "
        "hᵢ = Σⱼ Wᵢⱼ sⱼ. Every such change lowers the energy E = −½ Σᵢⱼ Wᵢⱼ sᵢ sⱼ, so the state rolls downhill "
        "until it stops in a minimum. Stored patterns are minima, so a cue close enough to one is completed — "
        "*content-addressable memory*: part of a memory retrieves the whole.\n\n"
        "**What can go wrong.** The negative of every stored pattern is a minimum too, and so are mixtures of "
        "three memories (spurious states). Similar patterns (the digits 0, 6, 8, 9) blur into each other. "
        "Synchronous updates can oscillate between two states instead of settling.",

    # -- capacity --------------------------------------------------------------
    "memory.n_units": "Units N",
    "memory.n_units_help": "Size of the network. The capacity scales with N: about 0.138 N random patterns.",
    "memory.trials": "Trials per pattern count",
    "memory.trials_help": "Independent random pattern sets for each of the 10 pattern counts; every stored pattern "
                          "of every set is used as a cue.",
    "memory.cap_noise": "Cue damage (% of cells flipped)",
    "memory.cap_noise_help": "0 % tests whether stored patterns stay put; more damage tests how far the basins of attraction reach.",
    "memory.cap_title": "Recall against load α = P / N",
    "memory.cap_caption": "{recalls:,} recalls of N = {n} units in {seconds:.2f} s (computed once, then cached). "
                          "Shaded: ± 1 standard deviation of the overlap.",
    "memory.cap_metric_below": "Overlap at α ≈ {a:.2f}",
    "memory.cap_metric_above": "Overlap at α ≈ {a:.2f}",
    "memory.cap_metric_help": "Mean overlap m = (1/N) Σᵢ ξᵢ sᵢ between the recalled state and the cued pattern; 1 is perfect recall, 0 is chance.",
    "memory.spurious_title": "A spurious memory nobody stored",
    "memory.spurious_caption": "Store A, C, H and X; start from the mixture sign(A + C + H). The mixture is itself a minimum "
                               "of the energy: {stable}. Its overlaps with A, C, H after recall are {ma:+.2f}, {mc:+.2f}, {mh:+.2f}.",
    "memory.spurious_stable": "recall leaves it unchanged",
    "memory.spurious_unstable": "recall moves it ({k} cells change)",
    "memory.spurious_mix": "A+C+H mixture",
    "memory.spurious_after": "after recall",
    "memory.explain_capacity":
        "Each point stores P random patterns in a network of N units, cues it with every stored pattern (damaged "
        "by the chosen fraction), runs asynchronous recall and measures the overlap m between the result and the "
        "cue's pattern. Below α = P/N ≈ 0.138 recall is nearly perfect; above it the interference between memories "
        "(the *crosstalk* in each unit's input) grows until memories stop being minima and recall ends in spurious "
        "states instead (Amit, Gutfreund & Sompolinsky 1985, Phys Rev Lett 55:1530; Hopfield 1982). "
        "The sharp 0.138 is the limit for very large N and allows about 1.5 % wrong units; error-free recall "
        "needs fewer patterns: about N / (2 ln N) for a typical pattern (≈ 11 for N = 100) and N / (4 ln N) for all "
        "of them at once (≈ 5; McEliece et al. 1987, IEEE Trans Inf Theory 33:461). At N = 100 the transition is "
        "smeared out by finite size.\n\n"
        "For comparison, the brain does not store memories in one fully connected sheet: estimates of its "
        "capacity depend on sparse coding, structured connectivity and synaptic learning rules, and are not "
        "settled.",

    # -- Hebbian vs backprop ---------------------------------------------------
    "memory.bp_store": "Patterns to store",
    "memory.bp_store_help": "The same letters are stored in both networks.",
    "memory.hidden": "Autoencoder hidden units",
    "memory.hidden_help": "The backprop network is an autoencoder 100 → hidden → 100 (tanh) trained to reproduce each pattern.",
    "memory.lr": "Learning rate (Adam)",
    "memory.lr_help": "Step size of gradient descent for the autoencoder.",
    "memory.bp_epochs": "Gradient steps",
    "memory.bp_epochs_help": "How many full-batch gradient steps the autoencoder gets.",
    "memory.bp_seed_help": "Initial weights of the autoencoder and the damage in the recall test.",
    "memory.hebb_steps": "Hebbian: learning steps",
    "memory.hebb_steps_help": "One pass: every pattern adds its outer product to W once. No error signal, no iteration.",
    "memory.hebb_wrong": "Hebbian: wrong bits",
    "memory.hebb_wrong_help": "Wrong units when each stored pattern itself is recalled, summed over the {p} patterns ({n} bits).",
    "memory.bp_steps": "Backprop: learning steps",
    "memory.bp_steps_help": "Full-batch gradient steps (Adam) until the sign of every output unit matches every stored pattern.",
    "memory.bp_never": "not within {n}",
    "memory.hebb_params": "Hebbian: weights",
    "memory.hebb_params_help": "N(N − 1)/2 distinct weights: W is symmetric with a zero diagonal.",
    "memory.bp_wrong": "Backprop: wrong bits",
    "memory.bp_wrong_help": "Wrong output signs after the last gradient step, summed over the {p} patterns ({n} bits).",
    "memory.bp_params": "Backprop: parameters",
    "memory.bp_params_help": "Weights and biases of both layers of the autoencoder 100 → {h} → 100.",
    "memory.steps_title": "Learning: one pass vs many steps",
    "memory.noise_title": "Recall from a damaged cue (same damage for both)",
    "memory.noise_caption": "Mean overlap with the cued pattern after recall, {probes} damaged cues per pattern and damage level. "
                            "The autoencoder answers in one pass; fed back into itself it becomes an attractor network too.",
    "memory.explain_hebb_vs_bp":
        "**Hebbian storage** is one-shot and local: a synapse changes according to the activity of the two units "
        "it connects, once per pattern. **Backpropagation** is iterative and global: every weight moves by the "
        "gradient of an error measured at the output, over many steps, and the error has to travel backwards "
        "through the network — which is why how (or whether) the brain could do something like it is an open "
        "question (Lillicrap et al. 2020, Nat Rev Neurosci 21:335).\n\n"
        "Both end up as memories in weights, and both can complete a damaged cue. The autoencoder was only ever "
        "shown clean patterns; its bottleneck (fewer hidden units than inputs) forces it to keep what the stored "
        "patterns share, which is what lets it clean up noise. Fed back into itself, its output becomes an "
        "attractor dynamics much like the Hopfield network's.",

    # -- memorising vs generalising -------------------------------------------
    "memory.memo_n_train": "Training images",
    "memory.memo_n_train_help": "How many 8×8 digit images the networks train on; 500 others are held out.",
    "memory.memo_epochs": "Epochs",
    "memory.memo_epochs_help": "Passes over the training images (Adam, learning rate 0.01, batches of 50).",
    "memory.memo_seed_help": "The split, the random labels and the initial weights.",
    "memory.memo_run": "Run the experiment",
    "memory.memo_run_help": "Trains 10 networks (5 widths × real/random labels), about 1–3 s; the result stays until you change a setting.",
    "memory.memo_progress": "Training network {done} of {total}…",
    "memory.memo_hint": "Press **Run the experiment** to train networks of 2 to 256 hidden units on real and on random labels.",
    "memory.memo_title": "Accuracy against network width",
    "memory.memo_curves_title": "Training accuracy of the widest network, epoch by epoch",
    "memory.memo_article":
        "**The article says** nothing about what its network learns from `Y = np.random.randint(0, 2, 1000)`. "
        "**Actually**, random labels carry no signal, so held-out accuracy stays at chance; a big enough network still "
        "drives training accuracy towards 100 % by memorising every example (Zhang et al. 2017, *Understanding deep "
        "learning requires rethinking generalization*, ICLR). Here the labels are random digits 0–9, so chance is 10 %.",
    "memory.memo_caption": "{n_train} training images, 500 held out, {epochs} epochs. Widest network: {params:,} parameters "
                           "for {n_train} labels.",
    "memory.explain_memorise":
        "The same images (8×8 handwritten digits, 64 inputs) and the same one-hidden-layer ReLU networks learn twice: "
        "once with the true labels, once with labels drawn at random for training and held-out images alike, as in "
        "the article's code. With true labels, even narrow networks generalise: held-out accuracy is close to training "
        "accuracy. With random labels there is nothing to generalise, but once the network has enough parameters "
        "it still fits every training label — it *memorises* — and held-out accuracy stays at chance (10 %). "
        "Random labels also take longer to fit (the dashed curve). A training accuracy alone therefore says nothing "
        "about whether a network learned anything; only held-out data does.\n\n"
        "Memory in this sense is a side effect of fitting: the examples end up spread over all the weights, "
        "unlike the Hopfield network, where each memory is an explicit minimum of an energy.",

    # -- timescales --------------------------------------------------------------
    "memory.ts_table_title": "Three kinds of memory, three timescales",
    "memory.ts_col_kind": "memory",
    "memory.ts_col_net": "in a network",
    "memory.ts_col_brain": "in the brain",
    "memory.ts_col_lasts": "lasts",
    "memory.ts_col_source": "source",
    "memory.ts_rnn_kind": "activity trace (hidden state)",
    "memory.ts_rnn_net": "RNN hidden state hₜ = tanh(W_hh hₜ₋₁ + W_ih xₜ)",
    "memory.ts_rnn_brain": "ongoing activity that fades; recurrent circuits",
    "memory.ts_rnn_lasts": "a few steps, unless the recurrent gain is near 1 (or gated, as in LSTM/GRU)",
    "memory.ts_rnn_source": "Elman 1990, Cogn Sci 14:179; Hochreiter & Schmidhuber 1997, Neural Comput 9:1735",
    "memory.ts_att_kind": "persistent activity (attractor)",
    "memory.ts_att_net": "Hopfield state held at a minimum of the energy",
    "memory.ts_att_brain": "delay activity in prefrontal cortex during working memory",
    "memory.ts_att_lasts": "as long as it is maintained — seconds in delay tasks — until a new cue replaces it",
    "memory.ts_att_source": "Fuster & Alexander 1971, Science 173:652; Goldman-Rakic 1995, Neuron 14:477",
    "memory.ts_syn_kind": "synaptic change (weights)",
    "memory.ts_syn_net": "Hebbian weights Wᵢⱼ; or weights learned by backprop",
    "memory.ts_syn_brain": "long-term potentiation and other synaptic plasticity",
    "memory.ts_syn_lasts": "hours to months and longer (LTP in vivo); in a Hopfield network, until later memories overwrite it",
    "memory.ts_syn_source": "Hebb 1949; Bliss & Lømo 1973, J Physiol 232:331; Abraham 2003, Phil Trans R Soc B 358:735",
    "memory.ts_rnn_title": "RNN hidden state after one input pulse",
    "memory.ts_gain": "Recurrent gain (spectral radius of W_hh)",
    "memory.ts_gain_help": "Below 1 the trace of the pulse shrinks by about this factor per step; near or above 1 it lasts.",
    "memory.ts_rnn_caption": "‖hₜ‖ / ‖h₀‖ for a 32-unit RNN with random weights (nncore.layers.RNN), pulse at t = 0, "
                             "no input afterwards.",
    "memory.ts_rnn_missing": "The RNN layer is not available in this version of the engine, so this panel shows no live RNN.",
    "memory.ts_rnn_link": "More on the RNN page",
    "memory.ts_att_title": "Attractor: a cue held without input",
    "memory.ts_step_noise": "Ongoing noise (% of units flipped per step)",
    "memory.ts_step_noise_help": "Each step flips this share of units at random before the network updates — "
                                 "the attractor keeps pulling the state back.",
    "memory.ts_att_caption": "100 units, 5 random stored patterns; one asynchronous sweep per step. Cue A at t = 0, cue B at t = 20.",
    "memory.ts_syn_title": "Synapses: the first memory as more are stored",
    "memory.ts_syn_caption": "Recall of the first memory (from a cue with 10 % damage) after storing more random patterns "
                             "in the same 100-unit network; mean ± SD over 10 trials. Past capacity, all memories fail together.",
    "memory.explain_timescales":
        "A recurrent network's hidden state is memory by activity: the past is carried forward step by step and, "
        "in a plain RNN, fades geometrically unless the recurrent gain is tuned near 1 — the reason gated units "
        "(LSTM, GRU) were invented. An attractor is activity that sustains itself: after the cue is gone the "
        "network stays in the memory's basin, resisting noise, until a new cue knocks it into another basin — a model "
        "of persistent delay activity in working memory. Synaptic change is the long-term store: the weights keep "
        "the memory when no unit is active at all. In the standard Hopfield network that store collapses once it "
        "holds more than about 0.138 N patterns (\"catastrophic\" overload); learning rules that let old memories "
        "fade gracefully keep the newest instead (Parisi 1986, J Phys A 19:L617).",

    # -- figures ----------------------------------------------------------------
    "memory.fig_cell_hover": "row %{y}, column %{x}: %{z:+d}",
    "memory.fig_state": "network state",
    "memory.fig_energy": "energy",
    "memory.fig_energy_hover": "update %{x}: E = %{y:.2f}",
    "memory.fig_energy_axis": "energy E",
    "memory.fig_update_step": "update step (one unit per step)",
    "memory.fig_play": "Play",
    "memory.fig_step_prefix": "after update ",
    "memory.fig_overlap": "overlap m",
    "memory.fig_overlap_hover": "%{x}: m = %{y:+.2f}",
    "memory.fig_stored": "stored pattern",
    "memory.fig_weight_hover": "W[%{y}, %{x}] = %{z:.3f}",
    "memory.fig_unit_i": "unit i",
    "memory.fig_unit_j": "unit j",
    "memory.fig_cap_overlap": "mean overlap after recall",
    "memory.fig_cap_perfect": "fraction recalled without a wrong unit",
    "memory.fig_cap_spurious": "fraction ending in a spurious state",
    "memory.fig_cap_line": "≈ 0.138 N",
    "memory.fig_cap_x": "load α = P / N (patterns per unit)",
    "memory.fig_cap_y": "overlap / fraction",
    "memory.fig_bp_line": "autoencoder (backprop)",
    "memory.fig_hebb_point": "Hopfield (one Hebbian pass)",
    "memory.fig_bp_perfect": "all right at step {n}",
    "memory.fig_learning_steps": "learning steps (log scale)",
    "memory.fig_wrong_bits": "wrong output bits (of {n})",
    "memory.fig_noise_hop": "Hopfield (Hebbian)",
    "memory.fig_noise_ae": "autoencoder, one pass",
    "memory.fig_noise_fb": "autoencoder, output fed back 10×",
    "memory.fig_noise_x": "cue damage (% of cells flipped)",
    "memory.fig_noise_y": "overlap with the cued pattern",
    "memory.fig_memo_train_real": "train, real labels",
    "memory.fig_memo_test_real": "held out, real labels",
    "memory.fig_memo_train_random": "train, random labels",
    "memory.fig_memo_test_random": "held out, random labels",
    "memory.fig_chance": "chance (10 %)",
    "memory.fig_hidden_units": "hidden units",
    "memory.fig_accuracy": "accuracy",
    "memory.fig_train_accuracy": "training accuracy",
    "memory.fig_rnn_norm": "‖hₜ‖ / ‖h₀‖",
    "memory.fig_time_steps": "time step",
    "memory.fig_att_a": "overlap with A",
    "memory.fig_att_b": "overlap with B",
    "memory.fig_cue_a": "cue A",
    "memory.fig_cue_b": "cue B",
    "memory.fig_first_memory": "overlap of the first memory",
    "memory.fig_later": "memories stored after it",
}
