"""nncore layers: PyTorch names and layouts, NumPy kernels."""
from .activations import Identity, LeakyReLU, ReLU, Sigmoid, Tanh, activation
from .base import LAYER_REGISTRY, Layer
from .conv import Conv2D
from .dense import Dense
from .dropout import Dropout, Flatten
from .pool import AvgPool2D, MaxPool2D
from .recurrent import GRU, LSTM, RNN, TimeDistributed

__all__ = ["Layer", "LAYER_REGISTRY", "Dense", "ReLU", "LeakyReLU", "Tanh", "Sigmoid",
           "Identity", "activation", "Dropout", "Flatten", "Conv2D", "MaxPool2D", "AvgPool2D",
           "RNN", "LSTM", "GRU", "TimeDistributed"]
