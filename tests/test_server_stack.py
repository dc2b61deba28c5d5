"""The server runs on uvloop and httptools (requirements.txt): Streamlit and uvicorn pick them only if they
import, and nothing fails without them, so a lost pin would only show as a slower lecture hall."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_requirements_pin_the_c_event_loop_and_http_parser():
    lines = [ln.split("#")[0].strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    names = {ln.split("==")[0].strip(): ln for ln in lines if "==" in ln}
    assert "httptools" in names
    assert names["uvloop"].endswith('sys_platform != "win32"')     # no Windows build


@pytest.mark.skipif(sys.platform == "win32", reason="uvloop has no Windows build")
def test_streamlit_runs_its_server_on_uvloop():
    from streamlit.web import bootstrap

    factory = bootstrap._get_uvloop_loop_factory()
    assert factory is not None
    loop = factory()
    try:
        assert type(loop).__module__.startswith("uvloop")
    finally:
        loop.close()


def test_uvicorn_parses_http_with_httptools():
    import uvicorn

    async def app(scope, receive, send):  # pragma: no cover - never called
        pass

    config = uvicorn.Config(app, http="auto")     # what Streamlit's starlette server leaves to uvicorn
    config.load()
    assert config.http_protocol_class.__name__ == "HttpToolsProtocol"
