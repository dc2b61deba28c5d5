"""lab: the experiments behind each page — UI-free (NumPy + nncore), typed configs in, plain results out."""
