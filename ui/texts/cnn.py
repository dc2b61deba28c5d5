"""CNN page strings."""

EN = {
    "cnn.nav": "CNN",
    "cnn.title": "Convolutional networks on 8×8 digits",
    "cnn.lead": "A convolution slides one small kernel over the whole image, so the same few weights look for the "
                "same pattern everywhere. Press **Start** and compare the CNN with an ordinary network (MLP) that "
                "has about as many parameters; then look at what the kernels learned and what each layer sees.",

    # the article's formula
    "cnn.article_title": "The article says F = K × X — what a convolution layer really computes",
    "cnn.article_body":
        "The source article writes a convolution layer as **F = K × X**, a product of kernel and image. "
        "That is not what the layer computes. A convolution layer slides the kernel over the image and, at every "
        "position, multiplies the kernel with the patch under it element by element and adds everything up "
        "(a *cross-correlation*; deep-learning libraries do not flip the kernel):\n\n"
        "F[i, j] = Σₘ Σₙ K[m, n] · X[s·i + m, s·j + n] + b\n\n"
        "with stride s (and the image padded with zeros first if asked). With several input channels the sum runs "
        "over the channels too, and every output channel has its own kernel and bias. The **convolution explorer** "
        "tab below spells out this sum for one output pixel.",

    # controls
    "cnn.blocks": "Conv blocks",
    "cnn.blocks_help": "How many [convolution → ReLU → 2×2 pooling] blocks before the final dense layer. "
                       "Each block halves the image: 8×8 → 4×4 → 2×2.",
    "cnn.channels": "Channels (first block)",
    "cnn.channels_help": "How many kernels the first convolution learns; the second block has twice as many. "
                         "More channels: more patterns, more parameters.",
    "cnn.kernel": "Kernel size",
    "cnn.kernel_help": "Height × width of every kernel. Zero padding keeps the image size (padding 1 for 3×3, 2 for 5×5).",
    "cnn.pool": "Pooling",
    "cnn.pool_help": "Max pooling keeps the strongest response in each 2×2 window; average pooling keeps the mean.",
    "cnn.pool_max": "max",
    "cnn.pool_avg": "average",
    "cnn.epochs": "Epochs per Start",
    "cnn.epochs_help": "One epoch is one pass over the 1,258 training digits in batches of 64.",
    "cnn.lr": "Learning rate (Adam)",
    "cnn.lr_help": "Step size of the Adam optimiser for both networks. 0.01 trains this CNN in a few seconds; "
                   "0.1 is usually too large.",

    # score board
    "cnn.acc_cnn": "CNN test accuracy",
    "cnn.acc_mlp": "MLP test accuracy",
    "cnn.acc_help": "Share of the 539 held-out digits (30 % of 1,797, never used for training) classified correctly.",
    "cnn.params_cnn": "CNN parameters",
    "cnn.params_cnn_help": "Every kernel weight and bias, counted once — each kernel is reused at every image position "
                           "(weight sharing).",
    "cnn.params_mlp": "MLP parameters",
    "cnn.params_mlp_help": "A 64 → {h} → 10 ReLU network on the flattened pixels, sized to about the CNN's parameter "
                           "count, trained on the same split, batches and optimiser.",
    "cnn.curve_test": "{m} test",
    "cnn.curve_train": "{m} train",

    # tabs
    "cnn.tab_kernels": "Learned kernels",
    "cnn.tab_fmaps": "Feature maps",
    "cnn.tab_errors": "Mistakes",
    "cnn.tab_explorer": "Convolution explorer",
    "cnn.tab_upload": "Your own image",
    "cnn.train_first": "Train the network first (press **Start** above); this tab then shows what it learned.",

    # kernels + brain link
    "cnn.kernels_title": "The {n} first-layer kernels (weights)",
    "cnn.kernel_hover": "weight %{z:.3f}<extra></extra>",
    "cnn.weight": "weight",
    "cnn.kernels_caption": "Orange: positive weights (the kernel responds to ink there); blue: negative (it responds "
                           "to *no* ink there). Kernels with an orange side and a blue side are edge detectors.",
    "cnn.rf_title": "Simple cell (schematic)",
    "cnn.rf_hover": "ON (orange) / OFF (blue) region<extra></extra>",
    "cnn.brain_link":
        "**The brain link.** Hubel and Wiesel recorded single neurons in the cat's primary visual cortex and found "
        "*simple cells*: each fires for a bar or edge of one orientation at one place in the visual field, and its "
        "receptive field has elongated ON and OFF regions like the schematic above (a Gabor-function model, not "
        "their data). *Complex cells* respond to the same orientation over a range of positions, a little like "
        "pooling. Source: Hubel & Wiesel 1962, *J Physiol* 160:106–154.\n\n"
        "Fukushima's Neocognitron (1980, *Biol Cybern* 36:193–202) copied this simple/complex hierarchy; LeCun et al. "
        "(1989, *Neural Computation* 1:541–551) trained such a network with backpropagation on handwritten digits. "
        "The analogy is loose: cortical neurons do not share weights — each has its own synapses — and visual cortex "
        "has strong feedback connections that this network lacks.",

    # feature maps
    "cnn.fmap_pick": "Test digit",
    "cnn.fmap_pick_help": "Which held-out digit to send through the network.",
    "cnn.fmap_verdict": "True label **{true}**, the CNN says **{pred}** with probability {p:.1%}.",
    "cnn.fmap_hover": "activation %{z:.3f}<extra></extra>",
    "cnn.fmap_caption": "Each row is one stage; each tile is one channel (dark = strong response). After each conv "
                        "and ReLU, a channel lights up where its kernel's pattern occurs; pooling halves the size and "
                        "keeps where-roughly, not where-exactly.",
    "cnn.layer_input": "input",
    "cnn.layer_conv": "conv {i} ({c_in}→{c_out}, {k}×{k2})",
    "cnn.layer_maxpool2d": "max pool 2×2",
    "cnn.layer_avgpool2d": "average pool 2×2",

    # mistakes
    "cnn.wrong_count": "**{n}** of {total} held-out digits are misclassified (test accuracy {acc:.1%}). "
                       "Captions read *true → predicted*.",
    "cnn.wrong_caption": "Many mistakes are digits a person would also hesitate over at 8×8 pixels.",

    # explorer
    "cnn.ex_preset": "Kernel",
    "cnn.ex_preset_help": "A hand-made kernel, or (after training) one the network learned.",
    "cnn.preset_edge_v": "vertical edges (Sobel x)",
    "cnn.preset_edge_h": "horizontal edges (Sobel y)",
    "cnn.preset_blur": "blur (3×3 mean)",
    "cnn.preset_sharpen": "sharpen",
    "cnn.preset_identity": "identity",
    "cnn.preset_learned": "learned (first layer)",
    "cnn.ex_digit": "Test digit #",
    "cnn.ex_digit_help": "Which held-out digit to filter (0–538).",
    "cnn.ex_stride": "Stride s",
    "cnn.ex_stride_help": "How many pixels the kernel moves between output pixels.",
    "cnn.ex_padding": "Padding p",
    "cnn.ex_padding_help": "Rings of zeros added around the image before sliding the kernel.",
    "cnn.ex_channel": "Learned kernel #",
    "cnn.ex_channel_help": "Which of the first layer's kernels to apply.",
    "cnn.ex_row": "Output row i",
    "cnn.ex_col": "Output column j",
    "cnn.ex_pixel_help": "Which output pixel to spell out (red box in the output, and its window in the input).",
    "cnn.ex_input": "input, padded by {p}",
    "cnn.ex_kernel": "kernel K",
    "cnn.ex_output": "output {ho}×{wo}",
    "cnn.ex_hover": "row %{y}, column %{x}: %{z:.2f}<extra></extra>",
    "cnn.ex_formula": "**Output size:** H_out = ⌊(H + 2p − k) / s⌋ + 1 = ⌊({h} + 2·{p} − {k}) / {s}⌋ + 1 = **{o}** "
                      "(the same for the width).",
    "cnn.ex_pixel": "**Output pixel ({i}, {j})** reads the {k}×{k} window of the padded input at rows {r}–{r2}, "
                    "columns {c}–{c2}, multiplies it by the kernel element by element and adds up "
                    "(terms with a blank pixel are left out):",
    "cnn.ex_all_zero": "every pixel under the window is 0, so the sum is {value:.3f}",
    "cnn.ex_no_fit": "A {k}×{k} kernel does not fit an 8×8 image with padding {p}.",

    # upload
    "cnn.up_intro": "Draw a digit (dark on light or light on dark), photograph or save it as PNG or JPEG, and upload it. "
                    "It is cropped to the ink, shrunk to 8×8 pixels like the training digits and classified by the CNN.",
    "cnn.up_label": "Your digit (PNG or JPEG)",
    "cnn.up_help": "At most 8 MB and 16 megapixels. The image stays in this session and is not stored.",
    "cnn.up_invert": "Ink colour",
    "cnn.up_invert_help": "The training digits are light ink on black. 'auto' inverts the image when its border is light.",
    "cnn.up_invert_auto": "auto",
    "cnn.up_invert_true": "dark ink",
    "cnn.up_invert_false": "light ink",
    "cnn.up_none": "No image yet.",
    "cnn.up_original": "your image ({w}×{h} px, greyscale)",
    "cnn.up_8x8": "8×8 input {inv}",
    "cnn.up_inverted": "(inverted)",
    "cnn.up_train_first": "Train the network (press Start above) to classify your image.",
    "cnn.up_answer": "The CNN reads",
    "cnn.up_answer_help": "The class with the highest softmax probability.",
    "cnn.digit": "digit",
    "cnn.probability": "probability",
    "cnn.prob_hover": "digit %{x}: %{y:.1%}<extra></extra>",

    "cnn.explain":
        "**Weight sharing.** The first convolution of the default network has 8 kernels of 3×3 weights plus 8 biases "
        "— 80 parameters — yet it computes 8 × 64 outputs per image, each from 9 pixels. A dense layer making the same "
        "512 outputs from 64 pixels would need 33,280 parameters. That is the trade a CNN makes: assume a pattern "
        "means the same thing anywhere in the image, and learn it once.\n\n"
        "**The twin MLP** has about as many parameters as the CNN but no such assumption. On 8×8 digits both do well, "
        "since the images are tiny and centred — compare the accuracies above. Weight sharing pays off more on "
        "larger images, where the same stroke can turn up in many more places.\n\n"
        "**Pooling** keeps the strongest (max) or mean (average) response in each 2×2 window: the map gets 4× smaller "
        "and small shifts of the digit matter less. In training, the gradient of max pooling flows only to the pixel "
        "that won each window.\n\n"
        "**How it is computed here.** nncore turns all image windows into one matrix (*im2col*) and does the whole "
        "layer as a single matrix multiply; the benchmark `benchmarks/cnn_vs_torch.py` times it against PyTorch on "
        "the same network.",
}
