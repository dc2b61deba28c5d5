"""Synchrony page strings (keys ``sync.*``). Every number carries a unit and a source."""

EN = {
    "sync.nav": "Synchrony",
    "sync.title": "Neurons firing together: synchrony you can switch on and off",
    "sync.lead": "1,000 spiking neurons, each bombarded by its own random input spikes. Raise the **shared "
                 "fraction c** of that input and watch the raster's columns line up: the neurons start to fire "
                 "together. Then see how much of the input correlation reaches the output.",

    "sync.c": "Shared input fraction c",
    "sync.c_help": "The fraction of each neuron's input spike trains that are the very same trains for every "
                   "neuron (a common pool). c = 0: independent inputs; c = 1: identical inputs. Two neurons' input "
                   "counts then have correlation c.",
    "sync.rate_in": "Rate of each input train (Hz)",
    "sync.rate_in_help": "Each neuron receives 400 excitatory and 100 inhibitory Poisson spike trains at this "
                         "rate, in spikes per second. Excitatory spikes raise V by 0.4 mV, inhibitory ones lower it "
                         "by 0.8 mV (this lab's choices, giving irregular firing at a few Hz). Higher rates push the mean drive ({mu:.1f} mV above rest now, threshold at "
                         "20 mV) up and the neurons fire more.",
    "sync.coupling": "Coupling w (mV per spike)",
    "sync.coupling_help": "All-to-all excitation: every spike in the population raises every neuron's V by w "
                          "millivolts, 1.5 ms later (the synaptic delay used by Brunel 2000). 0 = uncoupled. Coupling lets the population synchronise "
                          "itself, even with c = 0.",
    "sync.n": "Neurons",
    "sync.n_help": "How many LIF neurons to simulate for 1 s (at dt = 0.1 ms).",
    "sync.window": "Counting window (ms)",
    "sync.window_help": "Spike counts in windows of this length are correlated between pairs of neurons. "
                        "Measured correlations depend strongly on the window (Cohen & Kohn 2011, Nat Neurosci 14:811).",
    "sync.seed_help": "The random input spikes come from this seed: the same seed gives the same raster.",

    "sync.m_rate": "Mean firing rate",
    "sync.m_rate_help": "Spikes per neuron per second over the 1 s run, in hertz. Cortical neurons: 0.15–16 Hz, "
                        "population means 1.5–4 Hz (Attwell & Laughlin 2001, J Cereb Blood Flow Metab 21:1133).",
    "sync.m_cv": "ISI irregularity (CV)",
    "sync.m_cv_help": "Standard deviation over mean of the intervals between a neuron's spikes (no unit): "
                      "0 for a clock, 1 for a Poisson process. Cortical neurons fire irregularly, CV ≈ 1 "
                      "(Softky & Koch 1993, J Neurosci 13:334).",
    "sync.m_chi": "Synchrony index χ",
    "sync.m_chi_help": "Golomb's χ (no unit): the standard deviation of the population-average membrane potential "
                       "over the average standard deviation of single neurons'. 0 = asynchronous, 1 = fully "
                       "synchronous; a population of independent neurons scores ≈ 1/√N (Golomb & Rinzel 1994, "
                       "Physica D 72:259; Golomb 2007, Scholarpedia 2:1347).",
    "sync.m_corr": "Pairwise spike-count correlation",
    "sync.m_corr_help": "Mean Pearson correlation (no unit) of spike counts in {w:.0f} ms windows, over all pairs "
                        "of 300 neurons picked at random. Nearby cortical neurons measured in awake monkeys: "
                        "≈ 0.01 (Ecker et al. 2010, Science 327:584).",
    "sync.raster_title": "Spike raster: one dot per spike (first {k} neurons)",
    "sync.time_ms": "time (ms)",
    "sync.neuron": "neuron",
    "sync.poprate": "population rate (Hz)",
    "sync.poprate_title": "Population rate in 1 ms bins (Hz per neuron)",
    "sync.silent": "The neurons hardly fire at these settings (mean rate {r:.2f} Hz), so correlations cannot be "
                   "measured. Raise the input rate.",
    "sync.params_caption": "LIF neurons with τ = 20 ms, rest −70 mV, threshold −50 mV, reset −60 mV, refractory "
                           "2 ms (Brunel 2000, J Comput Neurosci 8:183); 400 excitatory and 100 inhibitory Poisson "
                           "inputs each (a 4 : 1 ratio as in Brunel 2000). Input spikes shared among neurons: "
                           "the shared-input model of Shadlen & Newsome 1998 (J Neurosci 18:3870).",

    "sync.sweep_title": "How much input correlation gets through? Output correlation against c",
    "sync.sweep_lead": "For each shared fraction c, 300 neurons are simulated for 2 s at the rate and coupling set "
                       "above; the curve shows the mean pairwise output correlation and χ.",
    "sync.sweep_run": "Run the sweep",
    "sync.sweep_help": "Simulates 7 populations of 300 neurons for 2 s each (a few seconds); the result is kept for these settings.",
    "sync.sweep_running": "Simulating 7 populations …",
    "sync.sweep_x": "input correlation c (shared fraction)",
    "sync.sweep_y": "output measure (no unit)",
    "sync.sweep_corr": "output spike-count correlation",
    "sync.sweep_chi": "synchrony index χ",
    "sync.sweep_identity": "output = input",
    "sync.sweep_caption": "Below the diagonal: a neuron passes on only part of its input correlation, and less "
                          "when it fires slowly (de la Rocha et al. 2007, Nature 448:802). Correlation and "
                          "synchrony rise together with c, but they are different measures.",

    "sync.science_title": "What is synchrony thought to do, and how sure are we?",
    "sync.science_body":
        "- **Binding by synchrony.** Neurons that code features of the same object might fire in step, so that "
        "synchrony tags what belongs together (reviewed by Singer 1999, Neuron 24:49).\n"
        "- **Communication through coherence.** Groups of neurons that oscillate in phase might route signals "
        "to each other selectively (Fries 2015, Neuron 88:220).\n"
        "- **The doubts.** Both are hypotheses under debate; the binding idea in particular has been criticised "
        "on theoretical and experimental grounds (Shadlen & Movshon 1999, Neuron 24:67). Much of cortex works in "
        "a sparse, asynchronous, irregular regime (Softky & Koch 1993; Ecker et al. 2010), and a great deal is "
        "carried by firing rates and spike timing, not by synchrony alone.\n"
        "- **Too much can be a disease.** Epileptic seizures have long been described as hypersynchronous "
        "activity of large populations, though the picture is more mixed than that (Jiruska et al. 2013, "
        "J Physiol 591:787) — the healthy brain keeps synchrony in check.",
    "sync.says": "The article says",
    "sync.actually": "Actually",
    "sync.source": "Source",
    "sync.claim.says": "§1.1 \"一种称为“神经同步”的现象被认为是大脑中信息传递的关键\" — a phenomenon called neural "
                       "synchrony is thought to be *the* key to information transfer in the brain.",
    "sync.claim.actually": "Synchrony is one proposed mechanism (binding, communication through coherence) and is "
                           "still debated. Most signalling is by spike rates and timing in sparse, asynchronous "
                           "activity — the c = 0 setting above, not the c = 1 one.",
    "sync.claim.source": "Singer 1999, Neuron 24:49; Fries 2015, Neuron 88:220; Shadlen & Movshon 1999, Neuron 24:67",

    "sync.explain":
        "**The model.** Each of the N leaky integrate-and-fire neurons receives Poisson input spikes. A fraction c of "
        "its input trains come from a pool common to all neurons, so the input spike counts of any two neurons "
        "have correlation c. With optional all-to-all coupling, each output spike also excites every neuron 1.5 ms "
        "later.\n\n"
        "**The measures.** The raster shows each spike as a dot. The population rate (spikes per neuron per second "
        "in 1 ms bins) is flat for an asynchronous population and spiky when neurons fire together. χ compares the "
        "fluctuations of the population-average membrane potential with those of single neurons: averaging "
        "independent neurons cancels their fluctuations (χ ≈ 1/√N), averaging synchronous ones does not (χ → 1). "
        "The pairwise correlation counts spikes in windows and correlates the counts.\n\n"
        "**What to try.** Start at c = 0 (asynchronous, irregular), then raise c to 0.2 and 0.5; then set c back "
        "to 0 and raise the coupling instead. The sweep below shows that output correlation stays below input "
        "correlation, and grows with firing rate (try a higher input rate).\n\n"
        "Simulation: exact exponential integration at dt = 0.1 ms, vectorised over neurons (nncore.brain); "
        "1,000 neurons × 1 s take a fraction of a second.",
}
