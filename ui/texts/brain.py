"""Brain vs ANN page strings (keys ``brain.*``). Every number carries a unit and a source."""

EN = {
    "brain.nav": "Brain vs ANN",
    "brain.title": "A real neuron beside an artificial one",
    "brain.lead": "Left, a leaky integrate-and-fire neuron: it adds up input current over time and fires "
                  "all-or-none spikes. Right, the unit every artificial network is made of: a weighted sum and "
                  "an activation. Change the inputs and watch what each one does with them.",

    # -- one neuron of each kind ------------------------------------------------
    "brain.lif_title": "A spiking neuron (leaky integrate-and-fire)",
    "brain.ann_title": "An artificial neuron",
    "brain.current": "Input current I (nA)",
    "brain.current_help": "Constant current injected into the neuron, in nanoamperes. Below the rheobase "
                          "({rh:.2f} nA) the membrane settles below threshold and the neuron never fires.",
    "brain.noise": "Input noise σ (mV)",
    "brain.noise_help": "Random input fluctuations, as the standard deviation (in millivolts) they would give the "
                        "membrane potential on their own. With noise, the neuron can fire even below the rheobase.",
    "brain.trace_title": "Membrane potential V (mV) over 500 ms",
    "brain.time_ms": "time (ms)",
    "brain.v_mv": "membrane potential V (mV)",
    "brain.threshold": "threshold θ = {v:.0f} mV",
    "brain.rest": "rest E = {v:.0f} mV",
    "brain.spike_note": "Spikes are drawn as lines to {v:.0f} mV; the model itself has no spike shape — "
                        "it only records the time and resets V to {r:.0f} mV.",
    "brain.rate": "Firing rate",
    "brain.rate_help": "Spikes counted in this 500 ms run, in hertz (spikes per second). Noise-free theory for "
                       "this current: {r:.1f} Hz (Dayan & Abbott 2001, eq. 5.11).",
    "brain.rheobase": "Rheobase",
    "brain.rheobase_help": "The smallest constant current that makes the neuron fire: (θ − E)/R = "
                           "({th:.0f} − ({e:.0f})) mV / {r:.0f} MΩ (Lapicque 1907; Dayan & Abbott 2001, §5.4).",
    "brain.params_caption": "Model constants: τ = {tau:.0f} ms, E = {e:.0f} mV, θ = {th:.0f} mV, reset {vr:.0f} mV, "
                            "refractory {tref:.0f} ms — Brunel 2000 (J Comput Neurosci 8:183) relative to a −70 mV "
                            "rest; τ ≈ 10–20 ms in cortical models (Gerstner et al. 2014, *Neuronal Dynamics*). "
                            "R = {rm:.0f} MΩ is this lab's choice (capacitance τ/R = {cap:.0f} pF).",
    "brain.x": "input x{i}",
    "brain.x_help": "Input number {i}: a plain number, no units and no time.",
    "brain.w": "weight w{i}",
    "brain.w_help": "How strongly input {i} counts; negative weights inhibit. Unlike a real neuron, one unit "
                    "may have positive and negative weights at once.",
    "brain.bias": "bias b",
    "brain.bias_help": "A constant added to the weighted sum; it shifts where the activation switches on.",
    "brain.activation": "Activation f",
    "brain.activation_help": "The function applied to the weighted sum z. ReLU max(0, z) and the sigmoid "
                             "1/(1 + e^(−z)) are the usual choices; step, 1 if z ≥ 0 else 0, is the 1943 McCulloch–Pitts unit.",
    "brain.ann_bars_title": "Weighted sum z = Σ wᵢxᵢ + b",
    "brain.term": "w{i}·x{i}",
    "brain.bias_short": "b",
    "brain.z": "z",
    "brain.contribution": "contribution to z",
    "brain.act_title": "Output y = f(z)",
    "brain.y": "output y",
    "brain.ann_result": "z = {z:.2f} → y = f(z) = {y:.3f}",
    "brain.compare_title": "What corresponds, and what does not",
    "brain.compare_body":
        "| artificial unit | LIF neuron (and the real one it stands for) |\n"
        "|---|---|\n"
        "| inputs xᵢ: numbers | input current, made of spikes arriving at synapses over time |\n"
        "| weights wᵢ | synaptic strengths: how much one input spike moves V (here 0.4 mV per excitatory spike) |\n"
        "| bias b | where the resting drive sits relative to threshold (rest −70 mV, threshold −50 mV) |\n"
        "| weighted sum z, computed at once | membrane potential V: a leaky running sum that forgets with τ ≈ 20 ms |\n"
        "| activation f(z) | the f-I curve: firing rate against input current (next section) |\n"
        "| output y: a real number | a train of all-or-none spikes; the number is the rate (or the timing) |\n\n"
        "**Differences, said plainly.** The artificial unit has no time: same input, same output, instantly. "
        "The neuron integrates over time, leaks, fires, resets, and is silent for a refractory period. "
        "It is noisy. Its output is spikes, not numbers. A real neuron's outgoing synapses are either all "
        "excitatory or all inhibitory (Dale's principle); an artificial unit's weights take either sign. "
        "And networks learn by backpropagating errors, while synapses change by local rules such as "
        "spike-timing-dependent plasticity (Bi & Poo 1998, J Neurosci 18:10464). "
        "The article's phrase \"each neuron has an input layer and an output layer\" is wrong: layers belong "
        "to a network; a unit has weighted inputs, a bias and an activation.",

    # -- the bridge: f-I curve beside activations --------------------------------
    "brain.bridge_title": "The bridge: a neuron's f-I curve beside ReLU and the sigmoid",
    "brain.bridge_lead": "Rate coding is why activation functions look the way they do: plot a neuron's firing rate "
                         "against its input current and you get zero below a threshold, then a rising curve that "
                         "saturates. ReLU keeps the threshold and the rise; the sigmoid keeps the saturation.",
    "brain.fi_noise": "Noise for the simulated curve σ (mV)",
    "brain.fi_noise_help": "Noise smooths the sharp threshold: the neuron fires now and then below the rheobase, "
                           "so the curve bends like softplus or a sigmoid instead of jumping. "
                           "Each point is 5 neurons × 0.5 s of simulation.",
    "brain.fi_title": "Firing rate (Hz) against input current (nA)",
    "brain.fi_x": "input current I (nA)  ·  for the ANN curves: z, rescaled",
    "brain.fi_y": "firing rate (Hz)",
    "brain.fi_analytic": "LIF, no noise (formula)",
    "brain.fi_sim": "LIF, noise σ = {s:.1f} mV (simulated)",
    "brain.fi_relu": "ReLU, threshold and slope matched",
    "brain.fi_sigmoid": "sigmoid × {rmax:.0f} Hz",
    "brain.fi_rmax": "ceiling 1/t_ref = {rmax:.0f} Hz",
    "brain.fi_caption": "The ReLU is max(0, s·(I − I_rh)) with I_rh = {rh:.2f} nA and s the LIF's average slope from "
                        "I_rh to 2·I_rh ({slope:.0f} Hz/nA); the sigmoid is scaled to the LIF's ceiling 1/t_ref = {rmax:.0f} Hz "
                        "(t_ref = 2 ms, Brunel 2000) and centred where the formula gives half of it. "
                        "Real cortical neurons rarely come near the ceiling: typical rates are 0.15–16 Hz "
                        "(Attwell & Laughlin 2001).",

    # -- scale and energy table ---------------------------------------------------
    "brain.scale_title": "Scale and energy: the brain, the networks in this lab, and a large ANN",
    "brain.scale_table":
        "| quantity | human brain | this lab's network | a large ANN (GPT-3) | sources |\n"
        "|---|---|---|---|---|\n"
        "| units | 86.1 ± 8.1 × 10⁹ neurons, ≈ 80 % of them in the cerebellum; glia ≈ 1 : 1 with neurons | "
        "{units} hidden ReLU units ({arch}) | 96 layers of width 12,288 | Azevedo et al. 2009, J Comp Neurol 513:532; "
        "Brown et al. 2020, arXiv:2005.14165; this page (counted by nncore) |\n"
        "| connections / parameters | ≈ 1.5 × 10¹⁴ synapses in the neocortex; 10¹⁴–10¹⁵ in the whole brain (estimate) | "
        "{params} parameters | 1.75 × 10¹¹ parameters | Pakkenberg et al. 2003, Exp Gerontol 38:95; Brown et al. 2020; "
        "this page (counted by nncore) |\n"
        "| power / energy | ≈ 20 W: 2 % of body mass, ≈ 20 % of resting energy use | not measured here | "
        "training: ≈ 1,287 MWh, an estimate (20 W for a year is ≈ 0.18 MWh) | Raichle & Gusnard 2002, PNAS 99:10237; "
        "Patterson et al. 2021, arXiv:2104.10350 |\n"
        "| activity | 0.15–16 Hz per cortical neuron; population means 1.5–4 Hz | every unit computes for every "
        "input (no spikes) | every unit for every token | Attwell & Laughlin 2001, J Cereb Blood Flow Metab 21:1133 |\n"
        "| sparseness | < 1 % of cortical neurons strongly active at once; ≤ 15 % simultaneously active | "
        "{active:.0f} % of ReLU units active per input (measured below) | — | Lennie 2003, Curr Biol 13:493; "
        "Attwell & Laughlin 2001; this page |\n"
        "| time | membrane time constant ≈ 10–20 ms | none: one pass per input | none | "
        "Gerstner et al. 2014, *Neuronal Dynamics* |",
    "brain.scale_note": "Parameters are **loosely analogous** to synapses, not equal to them: a synapse is a "
                        "living structure with its own dynamics, a parameter is one number. Comparing counts "
                        "says something about scale, not about what either can compute.",

    # -- sparsity meter -----------------------------------------------------------
    "brain.sparsity_title": "Sparsity meter: how many units are active at once?",
    "brain.sparsity_lead": "A ReLU unit is \"active\" when its output is above zero; a neuron is active in a time "
                           "window when it fires at least one spike in it. The brain is thought to keep only a "
                           "small fraction active at once, because spikes cost energy.",
    "brain.window": "Brain time window (ms)",
    "brain.window_help": "How long a window counts as \"at once\" for the spiking population, in milliseconds. "
                         "Longer windows catch more neurons firing at least once.",
    "brain.sp_untrained": "ANN, untrained (random weights)",
    "brain.sp_trained": "ANN, trained on 8×8 digits",
    "brain.sp_lif": "1,000 LIF neurons, fraction spiking per {w:.0f} ms window",
    "brain.sp_y": "fraction of units active (%; log scale)",
    "brain.sp_lennie": "< 1 % strongly active (Lennie 2003)",
    "brain.sp_attwell": "≤ 15 % simultaneously active (Attwell & Laughlin 2001)",
    "brain.sp_metric_ann": "ReLU units active per input",
    "brain.sp_metric_ann_help": "Mean over {n} held-out digit images, for the trained 64→{arch}→10 network "
                                "(held-out accuracy {acc:.1%}).",
    "brain.sp_metric_lif": "LIF neurons spiking per window",
    "brain.sp_metric_lif_help": "Mean over {k} windows of {w:.0f} ms in 300 ms of simulation; the neurons fire at "
                                "{rate:.1f} Hz on average (cortex: population means 1.5–4 Hz, Attwell & Laughlin 2001).",
    "brain.sp_caption": "Each box shows the spread over inputs (ANN) or over time windows (LIF). The spiking "
                        "population's fraction depends on its rate and on the window: at rate r, a window of length "
                        "w catches about 1 − e^(−r·w) of the neurons.",

    # -- the article says / actually ---------------------------------------------
    "brain.errata_title": "The article says … / Actually …",
    "brain.errata_lead": "The source article's brain section gets several facts wrong. Each claim is quoted "
                         "beside its correction and source.",
    "brain.says": "The article says",
    "brain.actually": "Actually",
    "brain.source": "Source",
    "brain.claim1.says": '§1.1 "由大约100亿个神经元组成……大约600亿个连接点" — the brain has about 10 billion neurons and 60 billion connections.',
    "brain.claim1.actually": "About 86 ± 8 billion neurons; about 1.5 × 10¹⁴ synapses in the neocortex alone, and of order 10¹⁴–10¹⁵ in the whole brain (an estimate) — over a thousand times the article's figure.",
    "brain.claim1.source": 'Azevedo et al. 2009, J Comp Neurol 513:532; Pakkenberg et al. 2003, Exp Gerontol 38:95',
    "brain.claim2.says": '§1.1 "前枢质、中枢质和后枢质，它们分别负责感知、思考和行动" — the brain\'s main parts handle perception, thinking and action.',
    "brain.claim2.actually": 'These are not anatomical terms. The brain develops from the forebrain, midbrain and hindbrain (前脑/中脑/后脑), and function is distributed over cortex, cerebellum, brainstem and more — not split into perceive, think and act.',
    "brain.claim2.source": 'any neuroanatomy text, e.g. Kandel et al., Principles of Neural Science',
    "brain.claim3.says": '§1.2 "每个神经元都有一个输入层和一个输出层" — each neuron has an input layer and an output layer.',
    "brain.claim3.actually": 'Layers belong to the network. A single unit has weighted inputs, a bias and an activation — the artificial neuron at the top of this page.',
    "brain.claim3.source": 'SEED-ERRATA #3; compare the two neurons above',
    "brain.claim4.says": '§1.1 "神经同步……被认为是大脑中信息传递的关键" — neural synchrony is *the* key to information transfer.',
    "brain.claim4.actually": 'Synchrony is one proposed mechanism (binding by synchrony, communication through coherence) and is still debated; most signalling is by spike rates and timing in sparse, asynchronous activity. The Synchrony page lets you switch it on and off.',
    "brain.claim4.source": 'Singer 1999, Neuron 24:49; Fries 2015, Neuron 88:220',

    "brain.explain":
        "**The LIF neuron** (Lapicque 1907) is the simplest model that fires spikes: the membrane is a leaky "
        "capacitor, τ dV/dt = −(V − E) + R·I, and when V reaches θ the neuron records a spike and V is reset. "
        "For a constant current above the rheobase (θ − E)/R, the time to climb from reset to threshold is "
        "T = τ ln[(RI − (V_r − E)) / (RI − (θ − E))], so the rate is 1/(t_ref + T); the test suite checks the "
        "simulator against this formula.\n\n"
        "**The artificial neuron** computes z = Σ wᵢxᵢ + b and y = f(z) — no time, no spikes. Read the f-I "
        "curve as the neuron's activation function: *if* information is carried by firing rates, a unit that "
        "outputs a rate for an input strength is a fair summary of a neuron, and it looks like a ReLU near "
        "threshold and like a sigmoid near saturation.\n\n"
        "**Sparsity.** A trained ReLU network uses a large fraction of its units for every input; cortex is "
        "estimated to keep under 1 % strongly active (Lennie 2003) and at most about 15 % active at once "
        "(Attwell & Laughlin 2001), because every spike costs energy out of a ≈ 20 W budget "
        "(Raichle & Gusnard 2002).\n\n"
        "Simulations: exact exponential integration at dt = 0.1 ms, vectorised over neurons (nncore.brain).",
}
