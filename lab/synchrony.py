"""The Synchrony page's experiments: an excitatory–inhibitory LIF population with shared input.

One run (:func:`population_run`) gives the raster, the excitatory population rate, its
power spectrum with the rhythm's peak, and the synchrony measures; :func:`correlation_sweep`
runs the same network over the shared input fraction c. The claims the page makes about
them are predicates here (:data:`SCENE_CLAIMS`, :func:`rates_ok`,
:func:`rhythm_ok`), tested over seeds 0..5.

The network (nncore.brain.network): 80 % excitatory, 20 % inhibitory LIF cells, each with
the page's external Poisson input (a fraction c of it shared) and, when the coupling j > 0,
sparse random recurrent synapses: ε = 0.2, excitatory synapses j/K_E each (1/K scaling,
so a value of j means the same mean drive at every N), inhibitory ones g = 8 times
stronger, with 2 ms (AMPA-like) and 5 ms (GABA_A-like) synaptic currents after a 1 ms
delay. Inhibition dominates (g > 4, Brunel 2000): coupling cannot run away, and with strong
coupling the population settles in a synchronous-irregular state — the population rate
oscillates near 10–20 Hz while each cell fires irregularly at a few Hz, skipping most
cycles (Brunel 2000, J Comput Neurosci 8:183). The rhythm is noisy (a broad spectral hump,
not a line): with 1 s of activity its height varies from seed to seed, so the checks compare
each coupled run with the same seed uncoupled.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from nncore.brain import DEFAULT, EICoupling, PoissonInput, measures, simulate

NETWORK = EICoupling(g=8.0, eps=0.2, frac_exc=0.8, tau_exc=2.0, tau_inh=5.0, delay=1.0)
J_MAX = 200.0                  # mV, the coupling slider's end (Brunel 2000 uses C_E·J = 1000 × 0.1 mV = 100 mV)
J_STEP = 10.0                  # mV, the slider's step
N_CHOICES = (1000, 1500, 2000)
RATE_RANGE = (1.0, 40.0)       # Hz: the "cortical range" the page promises for the mean rates of E and I cells
RHYTHM_BAND = (10.0, 20.0)     # Hz: where the spectrum peaks at full coupling and c = 0, every N, seeds 0..5
RHYTHM_C = 0.0                 # the rhythm claim is made with independent inputs: the rhythm is the coupling's own
RHYTHM_GAIN = 10.0             # at full coupling the peak is ≥ 10 × the uncoupled run's highest point (same seed)
SPECTRUM_SKIP_MS = 100.0       # the first 100 ms (start-up) are left out of the spectrum
SEGMENT_MS = 200.0             # Welch segments: 5 Hz resolution, 8 half-overlapping segments in 0.9 s
PEAK_BAND = (10.0, 100.0)      # Hz searched for the spectrum's peak


@dataclass(frozen=True)
class SyncConfig:
    """One Synchrony-page run. Units: Hz, mV, ms."""
    n: int = 1000                # neurons (80 % excitatory)
    c: float = 0.1               # shared fraction of the external input (input correlation)
    rate: float = 9.0            # Hz per external input train (400 excitatory + 100 inhibitory trains per cell)
    j: float = 0.0               # mV, recurrent coupling: summed excitatory weight onto one neuron
    window_ms: float = 50.0      # spike-count window for the pairwise correlation
    seed: int = 0
    duration: float = 1000.0     # ms
    dt: float = 0.1              # ms

    def network(self) -> EICoupling:
        return replace(NETWORK, j=float(self.j))

    def inputs(self) -> PoissonInput:
        return PoissonInput(rate=float(self.rate), c=float(self.c))


@dataclass(frozen=True)
class Spectrum:
    """Power spectrum of the excitatory population rate, relative to an asynchronous population's.

    Independent Poisson neurons give 1 at every frequency; input shared by all neurons raises the
    whole spectrum (most at low frequencies); a rhythm raises one band. The peak is reported as
    measured — a frequency and a height — and the page's texts say what heights to expect.
    """
    freqs: np.ndarray            # (F,) Hz
    power: np.ndarray            # (F,) psd / (2ν/N_E)
    peak_hz: float               # the largest local maximum in PEAK_BAND (nan if none)
    peak_power: float            # its relative power


@dataclass(frozen=True)
class SyncResult:
    spike_t: np.ndarray          # (S,) ms
    spike_i: np.ndarray          # (S,) neuron index; 0 … n_exc − 1 excitatory
    n_exc: int
    pop_t: np.ndarray            # (T,) ms, 1 ms bins
    pop_rate_exc: np.ndarray     # (T,) Hz per excitatory neuron
    pop_rate_inh: np.ndarray     # (T,) Hz per inhibitory neuron
    spectrum: Spectrum
    rate: float                  # Hz, mean over all neurons
    rate_exc: float              # Hz
    rate_inh: float              # Hz
    cv: float                    # mean ISI CV
    chi: float                   # Golomb's synchrony index
    corr: float                  # mean pairwise spike-count correlation
    mu_sigma: tuple              # (μ, σ) mV of the external drive above rest (free membrane)
    epsp: float                  # mV, one excitatory synapse (j / K_E); 0 uncoupled
    k_exc: int                   # excitatory recurrent inputs per neuron
    k_inh: int


def spectrum_of(rate_exc, n_exc, mean_rate, bin_ms=1.0) -> Spectrum:
    """The spectrum the page shows: Welch spectrum of the E rate from SPECTRUM_SKIP_MS on, and its peak."""
    skip = int(round(SPECTRUM_SKIP_MS / bin_ms))
    if len(rate_exc) - skip < SEGMENT_MS / bin_ms:          # too short a run for one segment: no spectrum
        return Spectrum(np.zeros(0), np.zeros(0), float("nan"), float("nan"))
    freqs, psd = measures.rate_spectrum(rate_exc[skip:], bin_ms=bin_ms, segment_ms=SEGMENT_MS)
    power = psd / (2.0 * max(mean_rate, 1e-3) / n_exc)      # ÷ the shot-noise level of n_exc Poisson cells
    return Spectrum(freqs, power, *measures.spectral_peak(freqs, power, *PEAK_BAND))


def population_run(cfg: SyncConfig = SyncConfig(), params=DEFAULT) -> SyncResult:
    """Simulate the E-I population of ``cfg``; return spikes, population rates, spectrum and measures."""
    net = cfg.network()
    sim = simulate(n=cfg.n, duration=cfg.duration, dt=cfg.dt, inputs=cfg.inputs(), network=net, params=params,
                   rng=cfg.seed)
    n_exc = sim["n_exc"]
    steps, neurons = sim["spike_steps"], sim["spike_neurons"]
    exc = neurons < n_exc
    centres, rate_e = measures.population_rate(steps[exc], n_exc, sim["n_steps"], cfg.dt, bin_ms=1.0)
    _, rate_i = measures.population_rate(steps[~exc], cfg.n - n_exc, sim["n_steps"], cfg.dt, bin_ms=1.0)
    seconds = cfg.duration / 1000.0
    rate_exc = float(exc.sum() / n_exc / seconds)
    rate_inh = float((~exc).sum() / (cfg.n - n_exc) / seconds)
    m = measures.summarize(sim, window_ms=cfg.window_ms, rng=cfg.seed)
    _, _, k_exc, k_inh = net.sizes(cfg.n)
    return SyncResult(
        spike_t=(steps + 1) * cfg.dt, spike_i=neurons, n_exc=n_exc, pop_t=centres,
        pop_rate_exc=rate_e, pop_rate_inh=rate_i, spectrum=spectrum_of(rate_e, n_exc, rate_exc),
        rate=m["rate"], rate_exc=rate_exc, rate_inh=rate_inh, cv=m["cv"], chi=m["chi"], corr=m["corr"],
        mu_sigma=cfg.inputs().moments(params.tau_m), epsp=cfg.j / k_exc if cfg.j > 0 else 0.0,
        k_exc=k_exc, k_inh=k_inh)


@dataclass(frozen=True)
class SweepConfig:
    """The sweep over the shared fraction: ``n`` neurons for ``duration`` ms at each c."""
    cs: tuple = (0.0, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0)
    n: int = 500                 # K_E = 80 recurrent inputs: the 1/K scaling keeps j's mean drive as on the page
    duration: float = 2000.0
    rate: float = 9.0
    j: float = 0.0
    window_ms: float = 50.0
    seed: int = 0


def correlation_sweep(cfg: SweepConfig = SweepConfig(), params=DEFAULT) -> dict:
    """Output spike-count correlation, χ and mean rate for each shared input fraction: dict of (len(cs),) arrays."""
    cs = np.asarray(cfg.cs, dtype=np.float64)
    out = {"c": cs, "corr": np.empty(cs.size), "chi": np.empty(cs.size), "rate": np.empty(cs.size)}
    net = replace(NETWORK, j=float(cfg.j))
    for k, c in enumerate(cs):
        sim = simulate(n=cfg.n, duration=cfg.duration, inputs=PoissonInput(rate=cfg.rate, c=float(c)),
                       network=net, params=params, rng=[cfg.seed, k])
        m = measures.summarize(sim, window_ms=cfg.window_ms, rng=cfg.seed)
        out["corr"][k], out["chi"][k], out["rate"][k] = m["corr"], m["chi"], m["rate"]
    return out


# -- the page's claims, as checks ------------------------------------------------------------------

def j_grid():
    """Every value the coupling slider offers (mV)."""
    return np.round(np.arange(0.0, J_MAX + J_STEP / 2, J_STEP), 6)


def rates_ok(r: SyncResult) -> tuple[bool, dict]:
    """Claim: the mean rates of the E and the I cells lie in RATE_RANGE."""
    lo, hi = RATE_RANGE
    return lo <= r.rate_exc <= hi and lo <= r.rate_inh <= hi, {"rate_exc": r.rate_exc, "rate_inh": r.rate_inh}


def coupling_gain(on: SyncResult, off: SyncResult) -> dict:
    """What coupling adds to the spectrum: the coupled run's peak (Hz) and its power over the uncoupled run's
    highest point in PEAK_BAND (same seed and input). The page shows both spectra and these two numbers."""
    band = (off.spectrum.freqs >= PEAK_BAND[0]) & (off.spectrum.freqs <= PEAK_BAND[1])
    off_max = float(off.spectrum.power[band].max()) if band.any() else float("nan")
    peak = on.spectrum.peak_power
    return {"peak_hz": on.spectrum.peak_hz, "peak_power": peak, "uncoupled_max": off_max, "gain": peak / off_max}


def rhythm_ok(on: SyncResult, off: SyncResult) -> tuple[bool, dict]:
    """Claim: the coupled run's spectrum peaks in RHYTHM_BAND, at least RHYTHM_GAIN times higher than the
    uncoupled run (same seed and input) at any frequency of PEAK_BAND."""
    m = coupling_gain(on, off)
    return bool(RHYTHM_BAND[0] <= m["peak_hz"] <= RHYTHM_BAND[1] and m["gain"] >= RHYTHM_GAIN), m


def rhythm_claim(seed: int, j: float = J_MAX, n: int = 1000, c: float = RHYTHM_C) -> tuple[bool, dict]:
    """:func:`rhythm_ok` at coupling ``j``, size ``n`` and shared fraction ``c`` (default input rate).

    At c = 0 the uncoupled spectrum is flat (≈ 1) and the rhythm is the coupling's alone. Shared input
    (c > 0) raises the low frequencies too, so the peak stands out less — at c = 0.1 and N = 2,000 it
    is not reliably twice the uncoupled spectrum (benchmarks/synchrony_claims.py counts the seeds)."""
    on = population_run(SyncConfig(n=n, c=c, j=j, seed=seed))
    return rhythm_ok(on, population_run(SyncConfig(n=n, c=c, j=0.0, seed=seed)))


SHARED_SCENE = SyncConfig(c=0.6)
CHI_SYNCHRONOUS = 0.5      # χ above this: the raster shows columns (scene "Shared input → synchrony")
CHI_ASYNCHRONOUS = 0.1     # χ below this at c = 0: no columns


def shared_input_scene(seed: int) -> tuple[bool, dict]:
    """Scene "Shared input → synchrony": at c = 0.6, χ ≥ 0.5 (columns); slid to c = 0, χ < 0.1 (none)."""
    shared = population_run(replace(SHARED_SCENE, seed=seed))
    free = population_run(replace(SHARED_SCENE, c=0.0, seed=seed))
    ok = shared.chi >= CHI_SYNCHRONOUS and free.chi < CHI_ASYNCHRONOUS
    return ok, {"chi_shared": shared.chi, "chi_free": free.chi, "corr_shared": shared.corr, "corr_free": free.corr}


J_COARSE = (0.0, 50.0, 100.0, 150.0, 200.0)   # mV: the grid checked at the larger sizes


def rates_over_slider(seed: int) -> tuple[bool, dict]:
    """sync.coupling_help / m_rate_help: default input (9 Hz, c = 0.1), E and I mean rates in RATE_RANGE at every
    slider value for N = 1,000 and every 50 mV for N = 1,500 and 2,000 (all-excitatory coupling reached 150-440 Hz)."""
    rates = [(r.rate_exc, r.rate_inh) for n in N_CHOICES for j in (j_grid() if n == 1000 else J_COARSE)
             for r in [population_run(SyncConfig(n=n, j=float(j), seed=seed))]]
    lo, hi = np.min(rates), np.max(rates)
    return bool(RATE_RANGE[0] <= lo and hi <= RATE_RANGE[1]), {"min_rate_hz": float(lo), "max_rate_hz": float(hi)}


def rhythm_at_every_size(seed: int) -> tuple[bool, dict]:
    """sync.m_peak_help: with independent inputs and j = J_MAX the spectrum peaks in RHYTHM_BAND, ≥ RHYTHM_GAIN × the
    uncoupled run, at every N the page offers."""
    got = {n: rhythm_claim(seed, J_MAX, n) for n in N_CHOICES}
    measured = {f"{k}_N{n}": v for n, (_, m) in got.items() for k, v in m.items() if k in ("peak_hz", "gain")}
    return all(ok for ok, _ in got.values()), measured


def uncoupled_sweep(seed: int) -> tuple[bool, dict]:
    """sync.sweep_caption: uncoupled, output correlation < c for 0 < c < 1 (de la Rocha et al. 2007), χ rises at every
    step of c, c = 0 gives no correlation (|r| < 0.02) and c = 1 near-complete (> 0.9)."""
    sw = correlation_sweep(SweepConfig(seed=seed))
    inner = slice(1, -1)
    ok = (np.all(sw["corr"][inner] < sw["c"][inner]) and np.all(np.diff(sw["chi"]) > 0)
          and abs(sw["corr"][0]) < 0.02 and sw["corr"][-1] > 0.9)
    return bool(ok), {"corr_c0": float(sw["corr"][0]), "corr_c1": float(sw["corr"][-1]),
                      "max_corr_minus_c": float(np.max(sw["corr"][inner] - sw["c"][inner])),
                      "min_chi_step": float(np.min(np.diff(sw["chi"])))}


SCENE_CLAIMS = {"sync_shared": shared_input_scene}
TEXT_CLAIMS = {"sync.coupling_help": rates_over_slider, "sync.m_peak_help": rhythm_at_every_size,
               "sync.sweep_caption": uncoupled_sweep}
