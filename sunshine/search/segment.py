"""Chinese text → search tokens, the same way for documents and queries.

Both index backends match whole tokens, so what goes in and what is asked for must be cut by the
same hand. Text is normalised (full-width → half-width, lower case); runs of Latin letters and
digits are words; runs of Han characters are cut on jieba's maximum-probability route with jieba's
dictionary. A document (``tokens``) gets search mode: each word longer than two characters also
yields the dictionary words inside it (预算执行 → 预算, 执行, 预算执行; 城乡居民医疗保险 → … 医疗保险),
so that two-character words and any word inside a longer one match. A query (``query_tokens``)
keeps only the words on the route: a document holding a word holds the words inside it too, so
asking for fewer, longer words finds the same documents at less cost.

Speed, measured (bench/search_bench.py): jieba's ``cut_for_search`` runs at 150,000–200,000
characters per CPU second on this machine; this module walks jieba's dictionary and route itself,
with the log-probabilities computed once, at about 700,000–850,000, and cuts exactly as
``jieba.Tokenizer.cut(text, HMM=False)`` does (a test holds it to that). jieba's HMM guess at
unknown words is left out on purpose: it depends on the surrounding characters, so a name could be
cut one way in a document and another way in a short query; without it an unknown word falls into
single characters on both sides, and the query still finds it. Runs of Han characters between
punctuation repeat a lot in official text (各区人民政府, 现将有关事项通知如下), so short runs' cuts
are cached.

The dictionary is jieba's own ``dict.txt`` from the installed package (nothing is downloaded and
jieba's temp-file cache is not used), loaded once per process, under a lock, without jieba's log
lines.
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections.abc import Callable
from functools import lru_cache

# Runs of Han characters (CJK unified ideographs and extension A) and runs of Latin letters/digits.
_WORD_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A document number: 发文机关代字 + 〔year〕 + sequence + 号, with any of the brackets people type.
_DOCUMENT_NUMBER = re.compile(
    r"\s*\S{1,40}?\s*[〔\[(（【［]\s*(?:19|20)\d{2}\s*[〕\])）】］]\s*第?\s*\d{1,6}\s*号\s*", re.IGNORECASE
)
# Characters that are never part of a normalised document number (brackets, spaces, punctuation).
_NOT_NUMBER_CHARACTER = re.compile(r"[^a-z0-9\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")

# Single-character function words that carry no meaning on their own; dropped from both sides.
STOP_TOKENS = frozenset("的了和与及或之也并而其于着呢吗吧啊")


class _Dictionary:
    """jieba's dictionary as the route needs it: log-probabilities of words, and their prefixes."""

    def __init__(self) -> None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        frequencies, total = jieba.Tokenizer.gen_pfdict(jieba.get_module_res(jieba.DEFAULT_DICT_NAME))
        log_total = math.log(total)
        # The same arithmetic as jieba's Tokenizer.calc, so that ties break the same way.
        self.log_probability: dict[str, float] = {
            word: math.log(count) - log_total for word, count in frequencies.items() if count
        }
        self.prefixes: frozenset[str] = frozenset(frequencies)
        self.unknown: float = math.log(1) - log_total


_dictionary: _Dictionary | None = None
_dictionary_lock = threading.Lock()


def dictionary() -> _Dictionary:
    """The dictionary, loaded on first use (about a second), once per process, thread-safely."""
    global _dictionary
    if _dictionary is None:
        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = _Dictionary()
    return _dictionary


def normalise(text: str) -> str:
    """Full-width letters, digits and punctuation to half-width (NFKC), then lower case."""
    return unicodedata.normalize("NFKC", text).lower()


# Runs up to this length are cached: short clauses repeat, long runs hardly ever do.
_CACHED_RUN_LENGTH = 24


def _route(run: str) -> tuple[str, ...]:
    """The words of a run of Han characters on jieba's maximum-probability route (no HMM)."""
    known = dictionary()
    probability, prefixes, unknown = known.log_probability, known.prefixes, known.unknown
    size = len(run)
    best = [0.0] * (size + 1)
    end = [0] * size
    for start in range(size - 1, -1, -1):
        character = run[start]
        best_score = -math.inf
        best_end = start
        found_longer = False
        if character in prefixes:
            stop = start + 2
            while stop <= size:
                fragment = run[start:stop]
                if fragment not in prefixes:
                    break
                score = probability.get(fragment)
                if score is not None:
                    score += best[stop]
                    # jieba takes max((score, last index)): on a tie, the longer word wins.
                    if score >= best_score:
                        best_score, best_end = score, stop - 1
                    found_longer = True
                stop += 1
        single = probability.get(character)
        if single is not None or not found_longer:
            score = (unknown if single is None else single) + best[start + 1]
            # A tie with a longer word keeps the longer one (larger last index).
            if score > best_score:
                best_score, best_end = score, start
        best[start] = best_score
        end[start] = best_end
    words: list[str] = []
    position = 0
    while position < size:
        stop = end[position] + 1
        words.append(run[position:stop])
        position = stop
    return tuple(words)


def _with_sub_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """Search mode: before each word longer than two characters, the dictionary words inside it.

    Shortest first, as jieba's ``cut_for_search`` does for two and three characters; longer ones
    too (医疗保险 inside 城乡居民医疗保险), so that any dictionary word of a text finds it.
    """
    probability = dictionary().log_probability
    out: list[str] = []
    for word in words:
        length = len(word)
        for size in range(2, length):
            for i in range(length - size + 1):
                if word[i : i + size] in probability:
                    out.append(word[i : i + size])
        out.append(word)
    return tuple(out)


_route_short_run = lru_cache(maxsize=100_000)(_route)


@lru_cache(maxsize=100_000)
def _search_short_run(run: str) -> tuple[str, ...]:
    return _with_sub_words(_route_short_run(run))


def _search_words(run: str) -> tuple[str, ...]:
    return _search_short_run(run) if len(run) <= _CACHED_RUN_LENGTH else _with_sub_words(_route(run))


def _query_words(run: str) -> tuple[str, ...]:
    return _route_short_run(run) if len(run) <= _CACHED_RUN_LENGTH else _route(run)


def _tokens(text: str, cut: Callable[[str], tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    for match in _WORD_RUNS.finditer(normalise(text)):
        run = match.group()
        if run[0] < "\u3400":  # Latin letters and digits
            out.append(run)
        else:
            out.extend(word for word in cut(run) if word not in STOP_TOKENS)
    return out


def tokens(text: str) -> list[str]:
    """The search tokens of a document's ``text``, in order, each word with the words inside it.

    Repeats are kept: they weigh in the ranking.
    """
    return _tokens(text, _search_words)


def query_tokens(text: str) -> list[str]:
    """The words of a query: the same route, without the words inside words, each once.

    A document with a word has the words inside it as tokens too, so asking for the word alone
    finds the same documents, with fewer terms to look up and rank.
    """
    return list(dict.fromkeys(_tokens(text, _query_words)))


def facet_token(kind: str, value: str) -> str:
    """A token for a filter value (agency path, category …) that no text can produce.

    ``tokens()`` keeps Han and Latin runs apart, so a Han character followed by Latin letters and
    digits never comes out of it; the value is hex-encoded so that any value makes one token.
    """
    return f"筛{kind}{value.encode().hex()}"


def normalise_document_number(number: str) -> str:
    """One token for a document number, whatever brackets and widths it was typed with.

    ``X政办发〔2026〕12号``, ``x政办发[2026]12号`` and ``X政办发（2026）12号`` all give
    ``x政办发202612号``; an empty string when nothing is left.
    """
    return _NOT_NUMBER_CHARACTER.sub("", normalise(number))


def looks_like_document_number(text: str) -> bool:
    """Whether the whole of ``text`` has the shape of a document number (…〔2026〕12号)."""
    return bool(_DOCUMENT_NUMBER.fullmatch(normalise(text))) and bool(_HAN.search(text))


def document_tokens(title: str, body: str, document_number: str) -> tuple[str, str]:
    """(title tokens, body tokens) as space-separated text, the document number as one extra token."""
    title_tokens = tokens(title)
    number = normalise_document_number(document_number)
    if number:
        title_tokens.append(number)
    return " ".join(title_tokens), " ".join(tokens(body))
