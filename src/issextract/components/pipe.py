"""The spaCy side of the components fed by the gazetteers, as spaCy's own rule components are
fed by their patterns (`EntityRuler`, `SpanRuler`).

A `GazetteerPipe` holds a finder (`EntityMatcher`, `PeopleFinder`, `IncidentClassifier`: plain
classes built from a `Gazetteer`) and the data it was built from, the texts of the gazetteer
files (`GazetteerData`). The data comes from `initialize()`, from the factory's `gazetteers`
setting on first use, or back from a saved or pickled pipeline:

- `to_disk`/`from_disk` and `to_bytes`/`from_bytes` save the files' texts with the pipeline,
  so `spacy.load` of a saved pipeline reads neither `data/` nor the user's `--gazetteer` files;
- a pickled pipeline carries the same texts, and each component is rebuilt from them where it
  is unpickled (a Dask worker, a `multiprocessing` child), which need not see the files either.

A pipeline's components share one `GazetteerData` (`pipeline.build_pipeline` reads it once),
and texts read back are parsed once per process however many components carry them.
"""

from __future__ import annotations

import functools
import hashlib
import typing
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import srsly
from spacy.tokens import Doc
from spacy.util import ensure_path
from spacy.vocab import Vocab

from ..gazetteers import Gazetteer, data_dir, load_gazetteer, merged, read_text

MANIFEST = "gazetteers.json"
"""The list of a saved component's gazetteer files, in merging order; the files are in FOLDER."""
FOLDER = "gazetteers"


@dataclass(frozen=True)
class GazetteerFile:
    """One gazetteer file's text. `shipped`: one of data/, whose patterns the test suite checks
    in full, so loading it skips the slow checks (see `gazetteer_fields.vetted_files`)."""

    name: str
    text: str
    shipped: bool = False

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class GazetteerData:
    """The gazetteer files a pipeline's components are built from, in merging order: data/'s,
    then the user's."""

    files: tuple[GazetteerFile, ...]
    paths: tuple[str, ...] | None = field(default=None, compare=False)
    """The user's files, when read from them in this process (the gazetteer is then the one
    `load_gazetteer` caches for those paths); None for data read back from a saved pipeline."""

    @classmethod
    def read(cls, extra_paths: Sequence[str | Path] = ()) -> GazetteerData:
        """data/ and the user's files; a malformed file raises `GazetteerError` naming it."""
        paths = tuple(str(p) for p in extra_paths)
        load_gazetteer(paths)  # checked first, so that errors name the user's own files
        shipped = [GazetteerFile(p.name, read_text(p), True) for p in sorted(data_dir().glob("*.yaml"))]
        extra = [GazetteerFile(p, read_text(Path(p))) for p in paths]
        return cls((*shipped, *extra), paths)

    def gazetteer(self) -> Gazetteer:
        if self.paths is not None:
            return load_gazetteer(self.paths)
        return _parsed(self.files)

    def __reduce__(self) -> tuple[type, tuple[tuple[GazetteerFile, ...]]]:
        return (GazetteerData, (self.files,))  # another process may not see the paths

    def manifest(self) -> list[dict[str, Any]]:
        return [
            {"name": f.name, "file": _saved_name(i, f.name), "shipped": f.shipped, "sha256": f.sha256}
            for i, f in enumerate(self.files)
        ]

    def to_disk(self, folder: Path) -> None:
        (folder / FOLDER).mkdir(parents=True, exist_ok=True)
        manifest = self.manifest()
        for entry, f in zip(manifest, self.files, strict=True):
            (folder / FOLDER / entry["file"]).write_text(f.text, encoding="utf-8")
        srsly.write_json(folder / MANIFEST, manifest)

    @classmethod
    def from_disk(cls, folder: Path) -> GazetteerData:
        manifest = srsly.read_json(folder / MANIFEST)
        texts = [(folder / FOLDER / entry["file"]).read_text(encoding="utf-8") for entry in manifest]
        return cls._checked(manifest, texts)

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps({"manifest": self.manifest(), "texts": [f.text for f in self.files]})

    @classmethod
    def from_bytes(cls, data: bytes) -> GazetteerData:
        saved = srsly.msgpack_loads(data)
        return cls._checked(saved["manifest"], saved["texts"])

    @classmethod
    def _checked(cls, manifest: list[dict[str, Any]], texts: Iterable[str]) -> GazetteerData:
        """Files read back; one saved as shipped counts as such only while its text is unchanged
        (an edited copy gets every check a user's file gets)."""
        files = []
        for entry, text in zip(manifest, texts, strict=True):
            f = GazetteerFile(entry["name"], text)
            if entry.get("shipped") and entry.get("sha256") == f.sha256:
                f = GazetteerFile(f.name, text, True)
            files.append(f)
        return cls(tuple(files))


def _saved_name(index: int, name: str) -> str:
    """A saved file's name: numbered, as a user's file may share a shipped file's name."""
    return f"{index:02d}-{Path(name).name}"


@functools.lru_cache(maxsize=8)
def _parsed(files: tuple[GazetteerFile, ...]) -> Gazetteer:
    """The gazetteer of texts read back, once per process for the components that carry them."""
    return merged((Path(f.name), f.text, f.shipped) for f in files)


Build = Callable[[Vocab, Any, Gazetteer, bool], Callable[[Doc], Doc]]
"""Makes a finder: (vocabulary, tokenizer, gazetteer, whether to write doc.spans) -> finder."""


class GazetteerPipe:
    """A component whose finder is built from the gazetteers (see the module's docstring).

    `gazetteers` (the factory's setting) are the user's files, read with data/ on first use
    when neither `initialize()` nor `from_disk`/`from_bytes` gave the component its data.
    Attributes of the finder are read through the component once it is built.
    """

    def __init__(
        self, vocab: Vocab, tokenizer: Any, name: str, build: Build, gazetteers: Sequence[str] = (), spans: bool = True
    ) -> None:
        self.vocab, self.tokenizer, self.name, self.build = vocab, tokenizer, name, build
        self.gazetteers = [str(p) for p in gazetteers]
        self.spans = spans
        self.data: GazetteerData | None = None
        self.finder: Callable[[Doc], Doc] | None = None

    def __call__(self, doc: Doc) -> Doc:
        finder = self.finder
        if finder is None:
            self.initialize()
            finder = self.finder
        return finder(doc)  # type: ignore[misc]

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Any = None,
        gazetteers: Sequence[str | Path] = (),
        data: GazetteerData | None = None,
    ) -> None:
        """Load the data: `data` when given (one `GazetteerData` for a whole pipeline), else
        data/, the factory's `gazetteers` and these `gazetteers` (as `nlp.initialize()` passes
        them from the `[initialize.components]` section of a config)."""
        self._use(data if data is not None else GazetteerData.read([*self.gazetteers, *gazetteers]))

    def _use(self, data: GazetteerData) -> None:
        self.finder = self.build(self.vocab, self.tokenizer, data.gazetteer(), self.spans)
        self.data = data

    def _saved_data(self) -> GazetteerData:
        if self.data is None:
            self.initialize()
        return self.data  # type: ignore[return-value]

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self._saved_data().to_disk(ensure_path(path))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> GazetteerPipe:
        self._use(GazetteerData.from_disk(ensure_path(path)))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self._saved_data().to_bytes()

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> GazetteerPipe:
        self._use(GazetteerData.from_bytes(data))
        return self

    def __reduce__(self) -> tuple[Callable[..., GazetteerPipe], tuple[Any, ...]]:
        """Pickled as its settings and data; the finder is built again where it is unpickled."""
        return (_restored, (self.vocab, self.tokenizer, self.name, self.build, self.gazetteers, self.spans, self.data))

    def __getattr__(self, name: str) -> Any:
        finder = self.__dict__.get("finder")
        if finder is None or name.startswith("__"):
            raise AttributeError(name)
        return getattr(finder, name)


# spaCy checks the settings `nlp.initialize()` passes against the signature, with pydantic,
# which needs the annotations as types rather than the strings this module's annotations are.
GazetteerPipe.initialize.__annotations__ = typing.get_type_hints(GazetteerPipe.initialize)


def _restored(
    vocab: Vocab,
    tokenizer: Any,
    name: str,
    build: Build,
    gazetteers: list[str],
    spans: bool,
    data: GazetteerData | None,
) -> GazetteerPipe:
    pipe = GazetteerPipe(vocab, tokenizer, name, build, gazetteers, spans)
    if data is not None:
        pipe._use(data)
    return pipe
