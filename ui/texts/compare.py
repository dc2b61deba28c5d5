"""Strings of the "vs scikit-learn" page (Compare section)."""

EN = {
    "compare.nav": "vs scikit-learn",
    "compare.title": "Our engine beside scikit-learn",
    "compare.lead": "The same data, split, seed and hyper-parameters go to scikit-learn's `MLPClassifier` and to "
                    "nncore's. Both run **the same algorithm**, so their loss curves lie on top of each other and their "
                    "predictions are identical — any difference you can make appear is a lesson, not a bug.",
    "compare.mode": "What to compare",
    "compare.mode_same": "Same algorithm",
    "compare.mode_different": "Different algorithms",
    "compare.mode_help": "Same algorithm: both engines get identical settings — a check that nncore reproduces "
                         "scikit-learn. Different algorithms: pick a different solver for each side on purpose "
                         "(e.g. scikit-learn's L-BFGS against nncore's Adam) and see how the training differs.",
    # data
    "compare.data": "Data set",
    "compare.data_help": "2-D toy sets show decision surfaces; the 8×8 digits (1,797 images, 64 pixels, 10 classes) and "
                         "your own CSV show confusion matrices. 70 % trains, 30 % is held out (stratified, seeded).",
    "compare.data_moons": "moons (2-D)",
    "compare.data_circles": "circles (2-D)",
    "compare.data_xor": "xor (2-D)",
    "compare.data_spiral": "spiral (2-D)",
    "compare.data_gaussians": "two Gaussians (2-D)",
    "compare.data_digits": "digits 8×8 (64-D, 10 classes)",
    "compare.data_csv": "my CSV file",
    "compare.n": "Samples",
    "compare.n_help": "Number of points in the 2-D toy set (before the 70/30 split).",
    "compare.noise": "Noise",
    "compare.noise_help": "Standard deviation of the Gaussian jitter added to the 2-D points (data units).",
    "compare.seed_help": "One seed drives the data, the split, the initial weights and the shuffling — "
                         "passed as `random_state` to both engines.",
    # model
    "compare.layers": "Hidden layers",
    "compare.layers_help": "Units per hidden layer, comma separated (`hidden_layer_sizes`), e.g. `16, 16`. "
                           "1 to 4 layers of 1 to 512 units.",
    "compare.bad_layers": "“{text}” is not a list of hidden-layer sizes. Write 1 to {max_layers} whole numbers between "
                          "1 and {max_units}, separated by commas, e.g. 16, 16.",
    "compare.activation": "Activation",
    "compare.activation_help": "Hidden-layer non-linearity (`activation`): relu max(0, z), tanh, logistic 1/(1+e⁻ᶻ), "
                               "or identity. The output layer is always softmax (several classes) or logistic (two).",
    "compare.solver": "Solver (both)",
    "compare.solver_help": "`adam`: Adam's adaptive steps (Kingma & Ba 2015). `sgd`: stochastic gradient descent with "
                           "Nesterov momentum 0.9. Both engines use this one.",
    "compare.sk_solver": "scikit-learn's solver",
    "compare.sk_solver_help": "`lbfgs` is a full-batch quasi-Newton method (no mini-batches, no epochs); "
                              "`sgd` and `adam` are stochastic.",
    "compare.nn_solver": "nncore's solver",
    "compare.nn_solver_help": "nncore's side of the comparison: `adam` or `sgd` (both reproduce scikit-learn exactly).",
    "compare.alpha": "L2 penalty α",
    "compare.alpha_help": "`alpha`: (α/2)·‖W‖² divided by the batch size is added to every batch's loss.",
    "compare.batch": "Batch size",
    "compare.batch_help": "Samples per gradient step (`batch_size`); auto = min(200, training samples).",
    "compare.lr": "Learning rate",
    "compare.lr_help": "`learning_rate_init`, the step size (Adam: the largest step per weight).",
    "compare.epochs": "Epochs (max_iter)",
    "compare.epochs_help": "At most this many passes over the training data (`max_iter`; for L-BFGS: iterations). "
                           "Training stops earlier when the loss improves by less than 10⁻⁴ for 10 epochs in a row.",
    "compare.early": "Early stopping",
    "compare.early_help": "Hold out 10 % of the training data, stop when its accuracy stops improving and keep the best "
                          "weights (`early_stopping=True`).",
    "compare.train": "Train both",
    "compare.train_help": "Fit scikit-learn's and nncore's MLPClassifier with these settings, one after the other, "
                          "timing each fit.",
    "compare.training": "Training both models…",
    "compare.stale": "You changed a setting: the results below are for the previous settings. Press **Train both**.",
    # results
    "compare.parity": "**Parity:** largest relative difference between the two loss curves {diff:.1e}; "
                      "test-set predictions {preds}.",
    "compare.identical": "identical",
    "compare.not_identical": "NOT identical",
    "compare.different_badge": "**Different algorithms on purpose:** scikit-learn `{sk}` vs nncore `{nn}`.",
    "compare.why_lbfgs": "L-BFGS looks at all training samples at once and builds a curvature estimate from its "
                         "last steps, so it has no epochs and no noisy mini-batch curve — scikit-learn only reports its "
                         "final loss (the diamond). On small data sets it often reaches a lower loss in fewer, costlier "
                         "iterations.",
    "compare.why_sgd_adam": "SGD takes the same-size step in every direction; Adam divides each weight's step by a running "
                            "estimate of its gradient's size. Same data, same start, different paths — so the curves "
                            "part from the first epoch.",
    "compare.why_same_solver": "You picked the same solver for both sides, so this is the same algorithm again: the "
                               "curves coincide.",
    "compare.train_acc": "Train accuracy",
    "compare.train_acc_help": "Share of the training samples classified correctly.",
    "compare.test_acc": "Test accuracy",
    "compare.test_acc_help": "Share of the held-out 30 % classified correctly.",
    "compare.fit_time": "Fit time",
    "compare.fit_time_help": "Wall-clock time of `fit`, in milliseconds, measured on this server (shared by everyone "
                             "using the app, so it varies from run to run).",
    "compare.iters": "Epochs run",
    "compare.iters_help": "`n_iter_`: epochs (or L-BFGS iterations) before the stopping rule or max_iter ended training.",
    "compare.not_converged": "Stopped at max_iter before the loss settled (scikit-learn would warn: ConvergenceWarning).",
    "compare.speed": "nncore's fit took {ratio:.2f}× scikit-learn's time on this run (below 1 = faster). "
                     "`benchmarks/mlp_vs_sklearn.py` measures this properly, over many runs.",
    "compare.epoch_axis": "epoch",
    "compare.loss_axis": "training loss (cross-entropy + L2, nats)",
    "compare.final_only": "final loss only",
    "compare.loss_caption": "scikit-learn: wide orange line; nncore: dashed blue line drawn on top. When the algorithms "
                            "are the same you see one line with dashes inside it.",
    "compare.surface_caption": "Colour: the class each model predicts; paler = less sure. Dots: the held-out test points.",
    "compare.cm_caption": "Rows: true class; columns: predicted class; counts of held-out test samples.",
    # seeds
    "compare.seeds_title": "Several seeds",
    "compare.k": "Seeds k",
    "compare.k_help": "Repeat the comparison with seeds s, s+1, …, s+k−1 (weights and shuffling change; the data "
                      "split stays).",
    "compare.run_seeds": "Run k seeds",
    "compare.run_seeds_help": "Fits both engines {k} times each; takes about {k}× one run.",
    "compare.running_seeds": "Training both engines with {k} seeds…",
    "compare.seeds_hint": "One seed is one draw. Run several to see how much of a difference is luck.",
    "compare.seeds_stale": "These seed results are for earlier settings.",
    "compare.col_engine": "engine",
    "compare.col_test_acc": "test accuracy (mean ± s.d.)",
    "compare.col_fit": "fit time",
    "compare.col_iters": "epochs run",
    "compare.col_seeds": "seeds",
    "compare.test_acc_axis": "test accuracy",
    # code and export
    "compare.code_title": "The equivalent scikit-learn code",
    "compare.code_nn_solver": "nncore's side uses the same arguments with solver='{solver}'.",
    "compare.data_line_toy": "# data: nncore.datasets.make_2d('{name}', n_samples={n}, noise={noise}, seed={seed}),\n"
                             "# split 70/30 with nncore.datasets.train_test_split(..., stratify=True)",
    "compare.data_line_digits": "# data: the 8x8 digits, pixels / 16, split 70/30 stratified:\n"
                                "# X_train, X_test, y_train, y_test = nncore.datasets.digits_split(images=False)",
    "compare.data_line_csv": "# data: your file {name}, last column = label, features standardised with the training "
                             "split's mean and s.d., split 70/30 stratified",
    "compare.download": "Download results (CSV)",
    "compare.download_help": "Per-epoch losses of both engines, the summary numbers, the parity check and any seed runs.",
    # CSV upload
    "compare.csv.upload": "Your CSV file",
    "compare.csv.upload_help": "Numbers in every column but the last; class labels (text or numbers) in the last. "
                               "A header line, at most {rows:,} rows, 2–20 classes.",
    "compare.csv.none_yet": "Upload a CSV file to compare the two engines on your own data.",
    # explanation
    "compare.explain":
        "**Why two engines?** scikit-learn's `MLPClassifier` is a trusted reference. nncore's `MLPClassifier` follows "
        "it step by step — the same Glorot-uniform initial weights drawn in the same order from the same "
        "`random_state`, the same reshuffle every epoch, the same mini-batch loss with its L2 term, the same Adam or "
        "momentum update, and the same rule for stopping (no improvement larger than `tol` for `n_iter_no_change` "
        "epochs). Because every floating-point operation is the same, the loss curves agree to about 10⁻¹⁵ — the "
        "rounding error of a 64-bit number — and the predictions are identical.\n\n"
        "**Then why is nncore faster?** The arithmetic is the same; the bookkeeping is not. nncore allocates its "
        "activation, gradient and optimizer buffers once and updates them in place, keeps all weights in one flat "
        "vector so an Adam step is a dozen vector operations whatever the depth, and avoids a slow masked assignment "
        "in the ReLU backward pass. With small networks most of scikit-learn's time goes to that bookkeeping. With "
        "float32 input nncore stays in float32, which halves the memory traffic.\n\n"
        "**What a difference would mean.** Change one setting on one side only (the *Different algorithms* mode) "
        "and the curves separate: a difference on this page is always caused by a difference in the algorithm, "
        "never by an engine bug. Even between two seeds of the *same* algorithm, test accuracy moves by a few "
        "percent on small data sets — run *k seeds* before calling one setting better than another.",
    "compare.explain_different":
        "**Reading the different-algorithm curves.** An *epoch* is one pass over the training data. SGD and Adam take "
        "one small step per mini-batch, so their training loss falls a little in every epoch and wiggles with the "
        "batches. L-BFGS (Nocedal 1980; Liu & Nocedal 1989) computes the exact gradient on all samples and uses the "
        "last few gradients to approximate curvature, taking one large, line-searched step per iteration. On small "
        "data sets that usually means a lower final loss in fewer iterations — but each iteration costs a pass over "
        "all the data, it cannot learn from a stream (no `partial_fit`), and a lower training loss is not "
        "automatically a better test accuracy.",
}
