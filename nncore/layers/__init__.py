"""nncore layers: PyTorch names and layouts, NumPy kernels."""
from .activations import Identity, LeakyReLU, ReLU, Sigmoid, Tanh, activation
from .base import LAYER_REGISTRY, Layer
from .dense import Dense
from .dropout import Dropout, Flatten

__all__ = ["Layer", "LAYER_REGISTRY", "Dense", "ReLU", "LeakyReLU", "Tanh", "Sigmoid",
           "Identity", "activation", "Dropout", "Flatten"]
