"""The source article's Keras example, reproduced with nncore (SEED-ERRATA #8)."""
import numpy as np
import pytest

from lab.article import article_keras_example


@pytest.fixture(scope="module")
def result():
    return article_keras_example(seed=0)


def test_architecture_matches_the_article(result):
    model = result["model"]
    kinds = [type(l).__name__ for l in model.layers]
    assert kinds == ["Dense", "ReLU", "Dense", "Sigmoid"]
    assert model.layers[0].params["weight"].shape == (4, 2)
    assert model.layers[2].params["weight"].shape == (1, 4)
    assert result["history"].epochs == 100


def test_random_labels_give_chance_on_held_out_data(result):
    assert 0.44 <= result["test_accuracy"] <= 0.56
    # nothing to learn: the loss stays near log 2, the loss of always answering 0.5
    assert abs(result["history"]["loss"][-1] - np.log(2)) < 0.02
    assert 0.35 < result["prediction"] < 0.65


def test_same_seed_same_numbers(result):
    again = article_keras_example(seed=0)
    assert again["history"]["loss"] == result["history"]["loss"]
    assert again["prediction"] == result["prediction"]
    assert article_keras_example(seed=1)["prediction"] != result["prediction"]
