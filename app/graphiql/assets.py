"""The vendored GraphiQL assets: exact files of pinned npm packages, checked by SHA-384.

Each file name carries its package version, so a response may be cached for a year: a new
version is a new URL. The hashes are the Subresource Integrity values of the files as
published on the npm registry (the same ones strawberry's CDN page pins), and the page asks
the browser to check them too.
"""

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response

STATIC = Path(__file__).parent / "static"
PREFIX = "/graphiql/"
CACHE_FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    """One vendored file: where it came from and what it must hash to."""

    name: str
    package: str
    version: str
    source: str  # path inside the npm package's tarball
    sha384: str  # base64, as in an `integrity` attribute
    media_type: str

    @property
    def url(self) -> str:
        """Where the page loads it from."""
        return PREFIX + self.name

    @property
    def integrity(self) -> str:
        """The Subresource Integrity value of the file."""
        return f"sha384-{self.sha384}"


JS = "text/javascript; charset=utf-8"
CSS = "text/css; charset=utf-8"
TEXT = "text/plain; charset=utf-8"

ASSETS = {
    a.name: a
    for a in (
        Asset(
            "react-18.2.0.production.min.js",
            "react",
            "18.2.0",
            "umd/react.production.min.js",
            "tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8",
            JS,
        ),
        Asset(
            "react-dom-18.2.0.production.min.js",
            "react-dom",
            "18.2.0",
            "umd/react-dom.production.min.js",
            "bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh",
            JS,
        ),
        Asset(
            "graphiql-3.8.3.min.js",
            "graphiql",
            "3.8.3",
            "graphiql.min.js",
            "HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie",
            JS,
        ),
        Asset(
            "graphiql-3.8.3.min.css",
            "graphiql",
            "3.8.3",
            "graphiql.min.css",
            "Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM",
            CSS,
        ),
        Asset(
            "graphiql-plugin-explorer-1.0.2.umd.js",
            "@graphiql/plugin-explorer",
            "1.0.2",
            "dist/index.umd.js",
            "2oonKe47vfHIZnmB6ZZ10vl7T0Y+qrHQF2cmNTaFDuPshpKqpUMGMc9jgj9MLDZ9",
            JS,
        ),
        Asset(
            "graphiql-plugin-explorer-1.0.2.css",
            "@graphiql/plugin-explorer",
            "1.0.2",
            "dist/style.css",
            "5DFJlDPW2tSATRbM8kzoP1j194jexLswuNmClWoRr2Q0x7R68JIQzPHZ02Faktwi",
            CSS,
        ),
    )
}

# The licences travel with the files (MIT, all four; the explorer plugin's package ships no
# LICENSE file of its own and is covered by the graphiql monorepo's).
LICENSES = {f"licenses/{p.name}": p for p in sorted((STATIC / "licenses").glob("*.LICENSE"))}


def sha384_of(path: Path) -> str:
    """The base64 SHA-384 of a file, as an `integrity` attribute spells it."""
    return base64.b64encode(hashlib.sha384(path.read_bytes()).digest()).decode()


async def serve_asset(request: Request) -> Response:
    """GET /graphiql/<name>: a vendored asset or licence, cached for a year."""
    name = request.path_params["name"]
    if name in ASSETS:
        asset = ASSETS[name]
        return FileResponse(
            STATIC / asset.name,
            media_type=asset.media_type,
            headers={"Cache-Control": CACHE_FOREVER},
        )
    if name in LICENSES:
        return FileResponse(
            LICENSES[name], media_type=TEXT, headers={"Cache-Control": CACHE_FOREVER}
        )
    return PlainTextResponse("Not Found", status_code=404)
