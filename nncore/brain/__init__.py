"""Spiking neurons for the Brain pages: LIF simulation, E-I coupling, f-I curves, synchrony measures, sparsity.

NumPy only.  Units: ms, mV, nA, MΩ, Hz.
"""
from . import measures
from .bridge import ACTIVATIONS, activate, artificial_neuron, fi_bridge
from .lif import DEFAULT, LIFParams, PoissonInput, fi_curve, lif_rate, rheobase, simulate
from .measures import (
    chi,
    chi_from_moments,
    correlation_matrix,
    firing_rates,
    fraction_active,
    isi_cv,
    mean_pairwise_correlation,
    population_rate,
    rate_spectrum,
    spectral_peak,
    spike_counts,
    summarize,
)
from .network import EICoupling, fixed_indegree
from .sparsity import relu_activity, sparsity_network

__all__ = ["LIFParams", "DEFAULT", "PoissonInput", "EICoupling", "simulate", "lif_rate", "rheobase", "fi_curve",
           "fixed_indegree", "firing_rates", "isi_cv", "spike_counts", "correlation_matrix",
           "mean_pairwise_correlation", "chi", "chi_from_moments", "population_rate", "fraction_active",
           "rate_spectrum", "spectral_peak", "summarize", "relu_activity", "sparsity_network", "ACTIVATIONS",
           "activate", "artificial_neuron", "fi_bridge", "measures"]
