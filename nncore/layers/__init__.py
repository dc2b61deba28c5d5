"""nncore layers: PyTorch names and layouts, NumPy kernels. Each class lives in its own file."""
from .activations import (
    ACTIVATION_NAMES,
    ACTIVATIONS,
    SKLEARN_ACTIVATIONS,
    Identity,
    LeakyReLU,
    ReLU,
    Sigmoid,
    Tanh,
    activation,
)
from .base import LAYER_REGISTRY, Layer
from .conv import Conv2D
from .dense import Dense
from .dropout import Dropout
from .flatten import Flatten
from .gru import GRU
from .lstm import LSTM
from .pool import AvgPool2D, MaxPool2D
from .recurrent import Recurrent
from .rnn import RNN
from .time_distributed import TimeDistributed

__all__ = ["Layer", "LAYER_REGISTRY", "Dense", "ReLU", "LeakyReLU", "Tanh", "Sigmoid", "Identity", "activation",
           "ACTIVATIONS", "ACTIVATION_NAMES", "SKLEARN_ACTIVATIONS", "Dropout", "Flatten", "Conv2D", "MaxPool2D",
           "AvgPool2D", "Recurrent", "RNN", "LSTM", "GRU", "TimeDistributed"]
