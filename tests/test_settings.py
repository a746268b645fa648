"""Settings that depend on each other: links in emails follow the address actually served."""

from app.banner import graphiql_link
from app.settings import Settings


def test_links_default_to_the_address_served():
    assert Settings(port=9123).links_base_url == "http://127.0.0.1:9123"
    assert Settings(host="0.0.0.0", port=8001).links_base_url == "http://127.0.0.1:8001"
    assert Settings(host="::", port=8001).served_url == "http://127.0.0.1:8001"
    assert Settings(host="::1", port=8001).served_url == "http://[::1]:8001"
    assert Settings(host="10.0.0.5", port=80).links_base_url == "http://10.0.0.5:80"


def test_public_base_url_wins_when_set():
    settings = Settings(port=9123, public_base_url="https://review.acme.example/")
    assert settings.links_base_url == "https://review.acme.example"


def test_serve_port_override_moves_the_links():
    # `casegraph serve --port P` copies the settings with the new port, as the CLI does
    settings = Settings().model_copy(update={"port": 8765})
    assert settings.links_base_url == "http://127.0.0.1:8765"


def test_the_graphiql_link_carries_the_key_in_the_headers_parameter():
    assert graphiql_link("http://127.0.0.1:8000", "cg_abc") == (
        "http://127.0.0.1:8000/graphql?headers=%7B%22Authorization%22%3A%20%22Bearer%20cg_abc%22%7D"
    )
    assert graphiql_link("http://127.0.0.1:8000", None) == "http://127.0.0.1:8000/graphql"
