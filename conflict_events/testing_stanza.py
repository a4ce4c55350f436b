"""Build tiny stanza models in seconds, so stanza code paths can be tested offline.

The models are trained in-process on a small wire-style corpus written for this project
(``tests/data/stanza_tiny/corpus.txt``): a character-level tokenizer/sentence splitter and an
NER tagger over a tiny word-vector file. They are far too small to be useful on new text, but
they exercise every step of a real stanza pipeline (model loading, bulk processing, offsets,
entity spans), which is what the adapter tests need.

Typical use in a test module::

    @pytest.fixture(scope="session")
    def tiny_stanza(tmp_path_factory):
        return build_tiny_stanza_models(tmp_path_factory.mktemp("stanza_tiny"))

    annotator = StanzaAnnotator(**tiny_stanza, allow_missing_processors=True)

Importing this module is cheap; stanza and torch are imported by
:func:`build_tiny_stanza_models` only.
"""

from __future__ import annotations

import json
import logging
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from conflict_events.errors import BackendNotAvailableError, DatasetError

#: Where the corpus lives in a source checkout of the project.
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "stanza_tiny" / "corpus.txt"

#: Entity labels used in the tiny corpus.
TINY_LABELS: tuple[str, ...] = ("DATE", "GPE", "NORP", "ORG", "PERSON")

_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
_MARK_RE = re.compile(r"\[([A-Z]+) ([^\[\]]+)\]")
_VECTOR_DIM = 16


@dataclass(frozen=True, slots=True, kw_only=True)
class TinySentence:
    """One corpus sentence: raw text, its tokens and their BIO tags.

    Attributes:
        text: The sentence as plain text (entity marks removed).
        tokens: ``(start, end)`` character spans of the tokens in ``text``.
        tags: One BIO tag per token (``B-GPE``, ``I-GPE``, ``O``...).
    """

    text: str
    tokens: tuple[tuple[int, int], ...]
    tags: tuple[str, ...]

    @property
    def words(self) -> tuple[str, ...]:
        """The token strings."""
        return tuple(self.text[start:end] for start, end in self.tokens)

    def entities(self) -> tuple[tuple[str, str], ...]:
        """Return ``(text, label)`` for every marked entity, in order."""
        found: list[tuple[str, str]] = []
        for index, tag in enumerate(self.tags):
            if not tag.startswith("B-"):
                continue
            last = index
            while last + 1 < len(self.tags) and self.tags[last + 1] == "I-" + tag[2:]:
                last += 1
            found.append((self.text[self.tokens[index][0] : self.tokens[last][1]], tag[2:]))
        return tuple(found)


def parse_sentence(marked: str) -> TinySentence:
    """Turn one marked-up line (``Police in [GPE Nairobi] said.``) into a :class:`TinySentence`.

    Args:
        marked: A sentence with entity spans written as ``[LABEL words]``.

    Returns:
        The plain sentence with token spans and BIO tags.
    """
    text_parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for match in _MARK_RE.finditer(marked):
        before = marked[pos : match.start()]
        text_parts.append(before)
        length += len(before)
        spans.append((length, length + len(match.group(2)), match.group(1)))
        text_parts.append(match.group(2))
        length += len(match.group(2))
        pos = match.end()
    text_parts.append(marked[pos:])
    text = "".join(text_parts)
    tokens: list[tuple[int, int]] = []
    tags: list[str] = []
    for match in _TOKEN_RE.finditer(text):
        tokens.append((match.start(), match.end()))
        tag = "O"
        for start, end, label in spans:
            if start <= match.start() and match.end() <= end:
                tag = ("B-" if match.start() == start else "I-") + label
        tags.append(tag)
    return TinySentence(text=text, tokens=tuple(tokens), tags=tuple(tags))


def load_tiny_corpus(path: Path | None = None) -> tuple[tuple[TinySentence, ...], ...]:
    """Read the tiny corpus: paragraphs of sentences.

    Args:
        path: The corpus file; defaults to :data:`DEFAULT_CORPUS`.

    Returns:
        Paragraphs (separated by blank lines in the file), each a tuple of sentences.

    Raises:
        DatasetError: The file does not exist or holds no sentence.
    """
    path = path or DEFAULT_CORPUS
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DatasetError(str(path), f"cannot read the tiny stanza corpus ({error.strerror})") from error
    paragraphs: list[tuple[TinySentence, ...]] = []
    current: list[TinySentence] = []
    for line in lines:
        if line.startswith("#"):
            continue
        if not line.strip():
            if current:
                paragraphs.append(tuple(current))
                current = []
            continue
        current.append(parse_sentence(line.strip()))
    if current:
        paragraphs.append(tuple(current))
    if not paragraphs:
        raise DatasetError(str(path), "no sentence found; expected one marked-up sentence per line")
    return tuple(paragraphs)


def _write_tokenizer_files(paragraphs: tuple[tuple[TinySentence, ...], ...], txt: Path, label: Path) -> None:
    # stanza's character-label format: 0 inside/between tokens, 1 token end, 2 sentence end.
    text_blocks: list[str] = []
    label_blocks: list[str] = []
    for paragraph in paragraphs:
        chars: list[str] = []
        labels: list[str] = []
        for number, sentence in enumerate(paragraph):
            if number:
                chars.append(" ")
                labels.append("0")
            sentence_labels = ["0"] * len(sentence.text)
            for index, (_, end) in enumerate(sentence.tokens):
                sentence_labels[end - 1] = "2" if index == len(sentence.tokens) - 1 else "1"
            chars.append(sentence.text)
            labels.extend(sentence_labels)
        text_blocks.append("".join(chars))
        label_blocks.append("".join(labels))
    txt.write_text("\n\n".join(text_blocks) + "\n\n", encoding="utf-8")
    label.write_text("\n\n".join(label_blocks) + "\n\n", encoding="utf-8")


def _write_ner_file(paragraphs: tuple[tuple[TinySentence, ...], ...], path: Path) -> None:
    data = [
        [{"text": word, "ner": tag} for word, tag in zip(sentence.words, sentence.tags, strict=True)]
        for paragraph in paragraphs
        for sentence in paragraph
    ]
    path.write_text(json.dumps(data), encoding="utf-8")


def _write_vectors(paragraphs: tuple[tuple[TinySentence, ...], ...], path: Path, seed: int) -> None:
    words = sorted({word.lower() for paragraph in paragraphs for sentence in paragraph for word in sentence.words})
    rng = random.Random(seed)
    lines = [f"{len(words)} {_VECTOR_DIM}"]
    for word in words:
        lines.append(word + " " + " ".join(f"{rng.uniform(-1, 1):.4f}" for _ in range(_VECTOR_DIM)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def _quiet_single_thread(level: int) -> Iterator[None]:
    # Importing stanza's training modules sets the "stanza" logger to DEBUG for the whole
    # process; keep training quiet and give the caller back the level it had before.
    # Tiny models train ~10x faster on one thread when the machine's cores are shared
    # (OpenMP threads spin while waiting for each other).
    import torch

    logger = logging.getLogger("stanza")
    threads = torch.get_num_threads()
    logger.setLevel(logging.WARNING)
    torch.set_num_threads(1)
    try:
        yield
    finally:
        logger.setLevel(level)
        torch.set_num_threads(threads)


def build_tiny_stanza_models(
    tmp_dir: Path, *, corpus: Path | None = None, tokenizer_steps: int = 300, ner_steps: int = 150, seed: int = 1234
) -> dict[str, Path]:
    """Train a tiny stanza tokenizer and NER model and lay them out for ``StanzaAnnotator``.

    Args:
        tmp_dir: An empty, writable directory; everything is written under it.
        corpus: The marked-up corpus; defaults to :data:`DEFAULT_CORPUS`.
        tokenizer_steps: Training steps of the tokenizer.
        ner_steps: Training steps of the NER tagger.
        seed: Random seed (vectors and training), so builds are reproducible.

    Returns:
        ``model_dir`` (a stanza resources dir whose ``resources.json`` is ``{}``),
        ``tokenize_model_path``, ``ner_model_path`` and ``ner_pretrain_path``: the keyword
        arguments :class:`~conflict_events.annotate.stanza.StanzaAnnotator` takes.

    Raises:
        BackendNotAvailableError: stanza is not installed.
        DatasetError: The corpus cannot be read.
    """
    paragraphs = load_tiny_corpus(corpus)
    tmp_dir = Path(tmp_dir)
    data_dir = tmp_dir / "data"
    model_dir = tmp_dir / "stanza_resources"
    for folder in (data_dir, model_dir / "en" / "tokenize", model_dir / "en" / "ner", model_dir / "en" / "pretrain"):
        folder.mkdir(parents=True, exist_ok=True)
    (model_dir / "resources.json").write_text("{}", encoding="utf-8")

    txt, label = data_dir / "tokenize.txt", data_dir / "tokenize.label"
    _write_tokenizer_files(paragraphs, txt, label)
    mwt = data_dir / "tokenize_mwt.json"
    mwt.write_text("[]", encoding="utf-8")
    ner_json = data_dir / "ner.json"
    _write_ner_file(paragraphs, ner_json)
    vectors = data_dir / "vectors.txt"
    _write_vectors(paragraphs, vectors, seed)

    pretrain_path = model_dir / "en" / "pretrain" / "tiny.pt"
    tokenizer_path = model_dir / "en" / "tokenize" / "tiny.pt"
    ner_path = model_dir / "en" / "ner" / "tiny.pt"
    try:
        import stanza  # noqa: F401  (sets the logger's default level, which is restored below)
    except ImportError as error:
        raise BackendNotAvailableError(
            "stanza", 'pip install "conflict-events[stanza]"', detail=f"import failed: {error}"
        ) from error
    level = logging.getLogger("stanza").level
    from stanza.models import ner_tagger, tokenizer
    from stanza.models.common import utils
    from stanza.models.common.pretrain import Pretrain

    with _quiet_single_thread(level):
        Pretrain(str(pretrain_path), str(vectors), save_to_file=True).load()
        utils.set_random_seed(seed)
        tokenizer.main([
            "--txt_file", str(txt), "--label_file", str(label), "--mwt_json_file", str(mwt),
            "--dev_txt_file", str(txt), "--dev_label_file", str(label),
            "--lang", "en", "--shorthand", "en_tiny", "--no_use_mwt",
            "--save_dir", str(tokenizer_path.parent), "--save_name", tokenizer_path.name,
            "--steps", str(tokenizer_steps), "--eval_steps", str(tokenizer_steps + 1),
            "--report_steps", str(tokenizer_steps + 1), "--shuffle_steps", "50",
            "--hidden_dim", "32", "--emb_dim", "16", "--batch_size", "16", "--max_seqlen", "120",
            "--lr0", "0.01", "--device", "cpu", "--seed", str(seed),
        ])  # fmt: skip
        ner_tagger.main([
            "--data_dir", str(data_dir), "--wordvec_pretrain_file", str(pretrain_path),
            "--train_file", str(ner_json), "--eval_file", str(ner_json), "--shorthand", "en_tiny",
            "--save_dir", str(ner_path.parent), "--save_name", ner_path.name,
            "--max_steps", str(ner_steps), "--eval_interval", str(ner_steps + 1), "--log_step", str(ner_steps + 1),
            "--hidden_dim", "32", "--char_hidden_dim", "16", "--char_emb_dim", "16",
            "--optim", "adam", "--lr", "0.01", "--batch_size", "8", "--word_dropout", "0", "--dropout", "0.1",
            "--device", "cpu", "--seed", str(seed),
        ])  # fmt: skip
    return {
        "model_dir": model_dir,
        "tokenize_model_path": tokenizer_path,
        "ner_model_path": ner_path,
        "ner_pretrain_path": pretrain_path,
    }


__all__ = [
    "DEFAULT_CORPUS",
    "TINY_LABELS",
    "TinySentence",
    "build_tiny_stanza_models",
    "load_tiny_corpus",
    "parse_sentence",
]
