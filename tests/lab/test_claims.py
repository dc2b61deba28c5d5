"""Claims are checks: every Home scene has a registered claim, and every claim holds at its stated rate on
seeds 0–5 (the default seed and five more) — run with the scene's exact settings through the page's lab call."""
import pytest
from threadpoolctl import threadpool_limits

from lab import claims
from ui.scenes import SCENES

SCENE = claims.scene_claims()
TEXT = claims.text_claims()


def test_every_scene_on_home_has_a_claim():
    missing = sorted({s.id for s in SCENES} - set(SCENE))
    assert not missing, f"scenes with no claim in any lab module's SCENE_CLAIMS: {missing}"


def test_every_text_claim_names_a_text_that_exists():
    from ui.i18n import has
    assert not [key for key in TEXT if not has(key.split(":")[0])]


def test_a_claim_checked_on_every_seed_reports_the_seeds_that_fail():
    @claims.rate(4)
    def odd_seeds_fail(seed):
        return seed % 2 == 0 or seed == 1, {"seed": seed}

    verdict = claims.check(claims.Claim("demo", "scene", "tests", odd_seeds_fail))
    assert verdict.held == [0, 1, 2, 4] and verdict.failed == [3, 5]
    assert verdict.ok                                   # 4 of 6 needed
    assert "seed 3 fails: seed = 3" in verdict.summary() and "seed 5 fails" in verdict.summary()
    strict = claims.check(claims.Claim("demo", "scene", "tests", lambda s: (s != 3, {})))
    assert not strict.ok and strict.claim.required(6) == 6  # a fact: every seed


def test_rates_must_be_a_share_of_the_seeds():
    with pytest.raises(ValueError):
        claims.rate(7)
    with pytest.raises(ValueError):
        claims.rate(0)


def test_a_claim_id_registered_twice_is_refused(monkeypatch):
    import lab.sequences
    monkeypatch.setattr(claims, "lab_modules", lambda: ["lab.sequences", "lab.sequences"])
    assert lab.sequences.SCENE_CLAIMS
    with pytest.raises(ValueError, match="registered twice"):
        claims.scene_claims()


def _check(claim, seeds):
    with threadpool_limits(1):          # one BLAS thread, as on the server
        verdict = claims.check(claim, seeds)
    assert verdict.ok, verdict.summary()


def _cases(table):
    """(claim id, seeds) per test: a fact (it must hold on every seed) one seed at a time, so the test workers
    share the heavy ones (Synchrony's rate claim runs 186 networks); a claim that holds "usually (k of n)" on
    all of seeds 0–5 together."""
    out = []
    for cid in sorted(table):
        if table[cid].rate == 1.0:
            out += [pytest.param(cid, (s,), id=f"{cid}-seed{s}") for s in claims.SEEDS]
        else:
            out.append(pytest.param(cid, claims.SEEDS, id=cid))
    return out


def test_the_cases_cover_seeds_0_to_5_for_every_claim():
    for table in (SCENE, TEXT):
        seen = {}
        for case in _cases(table):
            cid, seeds = case.values
            seen.setdefault(cid, []).extend(seeds)
        assert seen == {cid: list(claims.SEEDS) for cid in table}


@pytest.mark.slow
@pytest.mark.parametrize("cid, seeds", _cases(SCENE))
def test_scene_claim_holds_on_seeds_0_to_5(cid, seeds):
    _check(SCENE[cid], seeds)


@pytest.mark.slow
@pytest.mark.parametrize("cid, seeds", _cases(TEXT))
def test_text_claim_holds_on_seeds_0_to_5(cid, seeds):
    _check(TEXT[cid], seeds)
