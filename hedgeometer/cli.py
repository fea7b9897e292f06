"""The ``hedgeometer`` command line: a thin Click layer over the library.

Data goes to stdout (or ``--output``), messages to stderr. Exit codes: 0 ok, 1 bad input or
data (any HedgeometerError, shown as one ``Error:`` line), 2 usage.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from .version import __version__
from .text.boilerplate import BOILERPLATE_MODES, DEFAULT_BOILERPLATE
from .dimensions import DIMENSIONS
from .errors import HedgeometerError, Hint, MENTION, ParameterError, phrase
from .learning.corpus import SPLITS
from .runs.engines import ENGINES
from .runs.records import DEFAULT_GLOBS, RecordOptions
from .runs.writer import ROW_FORMATS
from .render import RENDERERS
from .render.compare import COMPARE_RENDERERS
from .render.common import plural
from .scoring.scores import DEFAULT_EVIDENCE, EVIDENCE_MODES, resolve_thresholds


# The option that sets each library parameter an error may name (its Hint), so that the command
# line's messages say what to type. "parameter=value" keys are values with an option of their own.
_OPTIONS = {
    "model": "--model", "model=None": "--no-model", "thresholds": "--threshold", "evidence": "--evidence",
    "boilerplate": "--boilerplate", "liwc_map": "--liwc-map", "encoding": "--encoding", "text_field": "--text-field",
    "max_chars": "--max-chars", "globs": "--glob", "resume": "--resume", "output": "-o", "fmt": "--format",
    "sentences": "--sentences", "engine": "--engine", "scheduler": "--scheduler", "texts": "--texts",
    # the API functions an Action names, as the command that does the same
    "hedgeometer.learning.train.train_model": "'hedgeometer train'",
    "hedgeometer.runs.batch.run_batch": "'hedgeometer batch'", "Analyzer.analyze_many": "'hedgeometer batch'",
}


def _as_option(hint: Hint) -> str:
    """A hint as typed on the command line: ``--no-model``, ``--text-field 'article body'``,
    ``--max-chars 4,000``, ``--glob *.txt,*.md``; a parameter with no option as the library says it."""
    import shlex

    if str(hint) in _OPTIONS:
        return _OPTIONS[str(hint)]
    option, value = _OPTIONS.get(hint.parameter), hint.value
    if option is None:
        return str(hint)
    if value is MENTION or value is True:
        return option
    if isinstance(value, int):
        return f"{option} {value:,}"
    if isinstance(value, dict):  # a mapping, as the option spells one: CATEGORY=DIMENSION
        return f"{option} {','.join(f'{key}={item}' for key, item in value.items())}"
    if isinstance(value, (tuple, list)):
        return f"{option} {','.join(map(str, value))}"
    return f"{option} {shlex.quote(str(value))}"


class _LibraryDefault(click.Option):
    """An option whose default is a library constant, ``default_from=(module, name)``: read when
    a run or the help needs it, so the command line repeats no library default and does not
    import a heavy module (scikit-learn, http.server) to start."""

    def __init__(self, *args, default_from: tuple[str, str], **kwargs):
        self.default_from = default_from
        super().__init__(*args, show_default=True, **kwargs)

    def get_default(self, ctx, call: bool = True):
        import importlib

        module, name = self.default_from
        return getattr(importlib.import_module(module, __package__), name)


def _fail_cleanly(function):
    """Turn library errors into Click errors: one 'Error:' line, naming options, exit 1, no traceback."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except HedgeometerError as error:
            raise click.ClickException(error.phrase(_as_option)) from None
        except MemoryError:
            raise click.ClickException("out of memory: split the input or use 'hedgeometer batch'") from None

    return wrapper


def _parse_thresholds(ctx, param, values):
    """``--threshold 0.6`` for all dimensions, ``--threshold hedging=0.4`` for one (repeatable)."""
    if not values:
        return None
    result: dict[str, float] = {}
    for value in values:
        if "," in value:  # 'hedging=0.4,booster=0.3': one threshold per option
            repeated = " ".join(f"--threshold {part.strip()}" for part in value.split(",") if part.strip())
            raise click.BadParameter(f"{value!r}: give one threshold per option (the option is repeatable): {repeated}")
        name, sep, number = value.rpartition("=")
        try:
            score = float(number)
        except ValueError:
            raise click.BadParameter(f"{value!r}: expected a number like 0.6 or DIMENSION=NUMBER") from None
        try:  # the library's checks: the dimension names and the range
            resolve_thresholds({name: score} if sep else score)
        except ParameterError as error:
            raise click.BadParameter(f"{value!r}: expected {error.expected}") from None
        result.update({name: score} if sep else dict.fromkeys(DIMENSIONS, score))
    return result


def _parse_liwc_map(ctx, param, value):
    if not value:
        return None
    from .rules.liwc import parse_liwc_map

    try:
        return parse_liwc_map(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def analyzer_options(function):
    """Options shared by every command that scores text."""
    options = [
        click.option("--lexicon", "lexicons", multiple=True, type=click.Path(dir_okay=True, path_type=Path),
                     help="Extra lexicon file or folder (TSV, or LIWC .dic with --liwc-map) that extends or "
                          "overrides the shipped cues. Repeatable."),
        click.option("--liwc-map", callback=_parse_liwc_map, metavar="CAT=DIM,...",
                     help="Map LIWC categories to dimensions, e.g. 'tentat=hedging,certain=booster'."),
        click.option("--only-lexicon", is_flag=True, help="Use only the --lexicon files, not the shipped lexicons."),
        click.option("--threshold", "thresholds", multiple=True, callback=_parse_thresholds, metavar="[DIM=]SCORE",
                     help="Score at which a sentence is labelled: '0.6' for all, 'hedging=0.4' for one. "
                          "Default: the model's tuned threshold per dimension (0.5 with --no-model); "
                          "the JSON report lists the ones used."),
        click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
                     help="Classifier file to use instead of the shipped one."),
        click.option("--no-model", is_flag=True, help="Rules only: score with the lexicons, no classifier."),
        click.option("--evidence", type=click.Choice(EVIDENCE_MODES), default=DEFAULT_EVIDENCE, show_default=True,
                     help="Which labels count: 'any' keeps every label; 'cue' keeps a label only when its sentence "
                          "has a cue of that dimension (the model's labels without one are dropped, and shares "
                          "and flagged sentences follow). Stamped in every output."),
        click.option("--boilerplate", type=click.Choice(BOILERPLATE_MODES), default=DEFAULT_BOILERPLATE, show_default=True,
                     help="'skip': lines of page furniture (SPONSORED, Advertisement, 'Read more: ...', photo "
                          "credits, bylines, an embedded post's footer) are not scored; 'keep' scores them as "
                          "text. Stamped in every output."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def build_analyzer(lexicons, liwc_map, only_lexicon, thresholds, model_path, no_model, evidence="any", boilerplate="skip",
                   **kwargs):
    from .analyzer import DEFAULT_MODEL, Analyzer

    if no_model and model_path:
        raise click.UsageError("--model and --no-model contradict each other; use one")
    if only_lexicon and not lexicons:
        raise click.UsageError("--only-lexicon needs at least one --lexicon")
    model = None if no_model else (model_path or DEFAULT_MODEL)
    return Analyzer(lexicons=lexicons, thresholds=thresholds, model=model, include_shipped_lexicons=not only_lexicon,
                    liwc_map=liwc_map, evidence=evidence, boilerplate=boilerplate, **kwargs)


def write_output(text: str, output: str | None, color: bool = False) -> None:
    """Write to stdout, or atomically to a file (a crash never leaves half a report)."""
    if output in (None, "-"):
        click.echo(text, nl=False, color=color or None)  # --color keeps colour in a pipe too (less -R)
        return
    folder = Path(output).parent
    if not folder.is_dir():
        raise click.FileError(output, hint=f"the folder {folder} does not exist")
    try:
        with click.open_file(output, "w", encoding="utf-8", atomic=True) as handle:
            handle.write(text)
    except OSError as error:  # unwritable folder, full disk: name the user's file, not the temporary one
        raise click.FileError(output, hint=error.strerror or str(error)) from None
    click.echo(f"wrote {output}", err=True)


def input_options(function):
    """How to read the input files: the same for every command that reads whole articles."""
    from .text.inputs import INPUT_FORMATS

    options = [
        click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of the input."),
        click.option("--input-format", type=click.Choice(INPUT_FORMATS), default="auto", show_default=True,
                     help="How to read the input. auto: by suffix (.md/.markdown Markdown, .html/.htm/.xhtml HTML, "
                          "anything else text), and standard input is HTML when it starts with <!DOCTYPE html> or "
                          "<html>. HTML needs pip install 'hedgeometer[html]'."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _use_color(color: bool | None, output: str | None) -> bool:
    if color is not None:
        return color
    return output in (None, "-") and sys.stdout.isatty()


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="hedgeometer")
def main():
    """Measure rhetoric in news writing.

    Every sentence is scored 0 to 1 on five dimensions:

    \b
      hedging      softened commitment (may, appears to, suggests)
      speculation  unconfirmed events, rumour, prediction (is expected to)
      dramatic     loaded, cliched imagery (on the brink, sent ripples)
      attribution  vague or unnamed sourcing (citing unnamed sources)
      booster      overstated certainty (undoubtedly, unwavering)

    Start with:  hedgeometer report seeds/damascus-talks.txt
    """


@main.command()
@click.argument("file", type=click.Path(allow_dash=True, path_type=str))
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(RENDERERS)), default="text", show_default=True,
              help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write here instead of stdout.")
@input_options
@click.option("--color/--no-color", default=None, help="Colour the text report (default: when stdout is a terminal).")
@click.option("--include-text", is_flag=True,
              help="JSON: include the article text, so offsets can be checked (a --headline's offsets index its own text).")
@click.option("--headline", help="The article's headline, scored apart from the body (default: the first line, "
                                 "when it reads as a headline).")
@click.option("--max-chars", default=2_000_000, show_default=True, type=click.IntRange(min=1),
              help="Refuse a longer text instead of scoring it (as batch does; scoring and rendering take "
                   "about 2 s per million characters).")
@analyzer_options
@_fail_cleanly
def report(file, fmt, output, encoding, input_format, color, include_text, headline, max_chars, **analyzer_kwargs):
    """Score one article and print its report.

    FILE is a .txt, .md or .html file, or - for standard input. Each flagged sentence is shown
    with its dimensions, scores and the cues that fired, then an article summary: share of
    sentences per dimension, cues per 100 words, top cues, the most loaded sentences and
    readability.

    Markdown (.md, .markdown) is read as the article it renders to: front matter, code blocks,
    tables, HTML comments and tags, images, link targets and the marks of headings, lists,
    quotes and emphasis are not scored, so '# Title' is scored as 'Title'. Offsets still index
    the file as it is, so a sentence shows the inline marks (links, **bold**) inside it.

    \b
    Examples:
      hedgeometer report seeds/damascus-talks.txt
      hedgeometer report article.md --format json -o article.json
      cat draft.txt | hedgeometer report - --threshold hedging=0.4
      cat page.html | hedgeometer report -       # a page is recognised by its <!DOCTYPE html>
      cat notes.md | hedgeometer report - --input-format markdown
    """
    from .text.inputs import read_article

    analyzer = build_analyzer(**analyzer_kwargs)
    article = read_article(file, encoding=encoding, format=input_format)
    if len(article.text) > max_chars:
        raise click.ClickException(f"{article.source}: text is {len(article.text):,} characters, over --max-chars "
                                   f"{max_chars:,}; raise --max-chars, or score long texts with 'hedgeometer batch'")
    result = analyzer.analyze(article.text, id=article.source, headline=headline, markdown=article.format == "markdown")
    color = _use_color(color, output)
    write_output(RENDERERS[fmt](result, color=color, include_text=include_text), output, color)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@click.option("-f", "--format", "fmt", type=click.Choice(list(COMPARE_RENDERERS)), default="text",
              show_default=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True), help="Write here instead of stdout.")
@input_options
@click.option("--color/--no-color", default=None, help="Colour the text table (default: when stdout is a terminal).")
@analyzer_options
@_fail_cleanly
def compare(files, fmt, output, encoding, input_format, color, **analyzer_kwargs):
    """Compare articles side by side: per-dimension figures, which is the most hedged, most
    dramatic and so on, and the cues each uses most.

    Good for "same story, two outlets" exercises. Files are read as 'report' reads them
    (Markdown without its syntax, HTML reduced to its article text).

    \b
    Examples:
      hedgeometer compare seeds/damascus-talks.txt seeds/rewrites/damascus-talks-calm.txt
      hedgeometer compare a.txt b.txt c.txt --format html -o compare.html
      hedgeometer compare outlet-a.html outlet-b.md --color | less -R
    """
    from .reports.compare import Comparison
    from .text.inputs import read_article

    if len(files) < 2:
        raise click.UsageError("compare needs at least two files")
    analyzer = build_analyzer(**analyzer_kwargs)
    articles = [read_article(f, encoding=encoding, format=input_format) for f in files]
    reports = tuple(analyzer.analyze(a.text, id=a.source, markdown=a.format == "markdown") for a in articles)
    color = _use_color(color, output)
    write_output(COMPARE_RENDERERS[fmt](Comparison(reports), color=color), output, color)


class TrainProgress:
    """How ``train`` goes, on stderr, each line with the time since the start.

    On a terminal, a step with a count (sentences encoded, settings cross-validated) rewrites one
    status line in place, with a bar and ``done/total``; stages and results get lines of their
    own above it. Elsewhere (a log, a pipe), each new step is one line with its count, and the
    repeated counts of one step (encoding) are not printed."""

    def __init__(self, stream=None, tty: bool | None = None, clock=None):
        import time

        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.clock = clock or time.monotonic
        self.start = self.clock()
        self.last_message: str | None = None
        self.last_draw = float("-inf")
        self.live = False  # a status line is on screen, to be ended before the next line

    def _elapsed(self) -> str:
        seconds = int(self.clock() - self.start)
        return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
            else f"{seconds // 60}:{seconds % 60:02d}"

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def __call__(self, message: str, done: int | None = None, total: int | None = None) -> None:
        if done is None or not total:
            self.close()
            self._write(f"[{self._elapsed()}] {message}\n")
            self.last_message = message
            return
        if self.tty:
            now = self.clock()
            if message == self.last_message and done < total and now - self.last_draw < 0.1:
                return
            self.last_draw = now
            import shutil

            filled = round(20 * done / total)
            count = f" [{'#' * filled}{'.' * (20 - filled)}] {done:,}/{total:,}"
            head = f"[{self._elapsed()}] "
            room = max(10, shutil.get_terminal_size((100, 24)).columns - 1 - len(head) - len(count))
            text = message if len(message) <= room else message[:room - 1] + "…"
            self._write(f"\r{head}{text}{count}\x1b[K")
            self.live = True
        elif message != self.last_message:
            self._write(f"[{self._elapsed()}] {message} ({done:,}/{total:,})\n")
        self.last_message = message

    def close(self) -> None:
        """End the status line, so that what follows starts on a line of its own."""
        if self.live:
            self._write("\n")
            self.live = False


@main.command()
@click.option("--host", cls=_LibraryDefault, default_from=(".serve", "DEFAULT_HOST"),
              help="Address to listen on. Any other than a loopback address (127.0.0.1, ::1) makes the page "
                   "reachable from other machines, with no password.")
@click.option("--port", cls=_LibraryDefault, default_from=(".serve", "DEFAULT_PORT"), type=click.IntRange(0, 65535),
              help="Port to listen on; 0 for any free port (the address is printed).")
@click.option("--max-chars", cls=_LibraryDefault, default_from=(".serve", "DEFAULT_MAX_CHARS"), type=click.IntRange(min=1),
              help="Longest text the page scores, in characters (for HTML, of the article text found in it).")
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request on stderr.")
@analyzer_options
@_fail_cleanly
def serve(host, port, max_chars, quiet, **analyzer_kwargs):
    """Score texts in the browser: a local page to paste a text or drop a file into.

    The page shows the HTML report at once: sentences shaded, cues underlined, the figures of
    each dimension; a click on a sentence (or the Tab key) shows why it was labelled. A second
    box compares two versions of a text side by side. The report downloads as JSON and
    Markdown. The page needs no network: nothing leaves this computer. Stop with Ctrl+C.

    \b
    Examples:
      hedgeometer serve                       # then open http://127.0.0.1:8765/
      hedgeometer serve --port 0              # any free port
      hedgeometer serve --no-model --threshold hedging=0.4
    """
    import errno

    from .serve import log_to_stderr, make_server

    analyzer = build_analyzer(**analyzer_kwargs)
    click.echo("hedgeometer serve: loading the lexicons and the model...", err=True)
    try:
        server = make_server(analyzer, host=host, port=port, max_chars=max_chars, log=None if quiet else log_to_stderr)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise click.ClickException(f"port {port} is in use: choose another with --port, or --port 0 for any "
                                       f"free port") from None
        raise click.ClickException(f"cannot listen on {host} port {port}: {error.strerror or error}") from None
    if not server.loopback:
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can use the page "
                   f"(it has no password)", err=True)
    click.echo(f"hedgeometer serve: open {server.url} in a browser (Ctrl+C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("hedgeometer serve: stopped", err=True)
    finally:
        server.server_close()


@main.command()
@click.option("--corpus", "corpus_paths", multiple=True, type=click.Path(exists=True, path_type=Path),
              help="Corpus file or folder of *.jsonl (default: the repo's corpus/). Repeatable.")
@click.option("--real", "real_paths", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A real annotated corpus to learn from as well (PTC, Szeged, CoNLL-2010 bio or WikiWeasel "
                   "JSONL, told by its fields). Repeatable.")
@click.option("--standoff", "standoff_paths", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Stand-off annotations (id, labels, cue offsets) of records in the --real files, labelling all "
                   "five dimensions (default with --real: corpus/realtrain/*.jsonl when present). Repeatable.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Model file to write (default: the shipped models/default.json).")
@click.option("--seed", cls=_LibraryDefault, default_from=(".learning.train", "DEFAULT_SEED"), type=int,
              help="Random seed of the cross-validation folds.")
@click.option("--name", cls=_LibraryDefault, default_from=(".learning.train", "DEFAULT_NAME"),
              help="Name stamped in the model and in reports.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path), help="Extra lexicon file or folder.")
@_fail_cleanly
def train(corpus_paths, real_paths, standoff_paths, output, seed, name, lexicons):
    """Train the classifier and write it as JSON.

    Learns from the corpus's train and dev splits (the test split is never read) and from any
    real corpora given with --real; C, the weight of real sentences, the rule/model mix and the
    thresholds are chosen by cross-validation with folds by document. PTC articles listed in
    corpus/realnews/heldout-articles.txt (the real-news test set) are never used. The same
    files, lexicons, seed and library versions give a byte-identical model. Progress goes to
    stderr: sentences encoded and settings cross-validated, with counts and the time taken (on a
    terminal, one status line rewritten in place).

    \b
    Examples:
      hedgeometer train --corpus tests/fixtures/corpus-small.jsonl -o small.json   # seconds
      # the shipped model (about 15 minutes on 2 cores), then check it is the same:
      hedgeometer train --real ../shared/data/real/ptc-train.jsonl \\
        --real ../shared/data/real/szeged-wiki-train.jsonl \\
        --real ../shared/data/real/conll2010-bio-train.jsonl \\
        --real ../shared/data/wikiweasel-dev.jsonl && git diff --exit-code models/
    """
    from .rules.lexicon import load_lexicons
    from .model.linear import default_model_path, save_model
    from .resources import checkout_dir
    from .learning.train import train_model

    output = output or default_model_path()
    progress = TrainProgress()
    try:
        model, record = train_model(corpus_paths or (checkout_dir("corpus"),), lexicon=load_lexicons(lexicons), seed=seed,
                                    name=name, progress=progress, real_paths=real_paths,
                                    standoff=standoff_paths or None)
    finally:
        progress.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    save_model(model, output)
    click.echo(f"wrote {output} (model {record['model_id']}, cross-validated corpus macro-F1 "
               f"{record['cv_macro_f1_corpus']:.3f})", err=True)


@main.command()
@click.option("--corpus", "corpus_path", type=click.Path(exists=True, path_type=Path),
              help="What to score against: a corpus file/folder (*.jsonl with 'labels'), stand-off annotations "
                   "(with --texts), PTC lines (scored on dramatic), JSONL with a 0/1 'label' or CoNLL-2010 XML "
                   "(scored on uncertain). Default: the repo's corpus/.")
@click.option("--texts", "texts_path", type=click.Path(exists=True, path_type=Path),
              help="For stand-off annotations (corpus/realnews/gold.jsonl): the JSONL file whose records they "
                   "annotate, joined by id (e.g. ../shared/data/real/ptc-train.jsonl).")
@click.option("--split", type=click.Choice([*SPLITS, "all"]), default="test", show_default=True,
              help="Which split of a corpus to score (other sets are scored whole).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--bootstrap", type=click.IntRange(min=0), cls=_LibraryDefault,
              default_from=(".learning.evaluate", "DEFAULT_BOOTSTRAP"),
              help="Resamples for the 95% confidence intervals (article groups are resampled whole); 0 for none.")
@analyzer_options
@_fail_cleanly
def evaluate(corpus_path, texts_path, split, fmt, bootstrap, **analyzer_kwargs):
    """Precision, recall and F1 of hedgeometer (rules only, model only, combined) beside two
    baselines (majority class, a fixed keyword list).

    On the corpus format and stand-off annotations: per dimension and macro-F1. On binary
    uncertainty data (CoNLL-2010 Shared Task XML with certainty="uncertain", WikiWeasel or bio
    JSONL with label 0/1) a sentence counts as uncertain when it is labelled hedging,
    speculation or attribution. On PTC lines, dramatic is scored against the Loaded_Language,
    Exaggeration/Minimisation and Appeal_to_fear lines.

    \b
    Examples:
      hedgeometer evaluate                       # the corpus test split (guidelines v1.1 labels)
      hedgeometer evaluate --corpus corpus/realnews/gold.jsonl --texts ../shared/data/real/ptc-train.jsonl
      hedgeometer evaluate --corpus ../shared/data/wikiweasel-dev.jsonl
    """
    import json

    from .learning.corpus import load_examples
    from .learning.evaluate import evaluate as run_evaluation, format_evaluation
    from .resources import checkout_dir

    path = corpus_path or checkout_dir("corpus")
    examples, kind = load_examples(path, texts_path)
    from_corpus = kind == "multilabel" and texts_path is None
    if from_corpus and split != "all":
        examples = [e for e in examples if e.split == split]
        if not examples:
            raise click.ClickException(f"{path}: no sentences in the {split} split")
    analyzer = build_analyzer(readability=False, **analyzer_kwargs)
    result = run_evaluation(analyzer, examples, kind, bootstrap=bootstrap)
    result["source"] = f"{path} ({split} split)" if from_corpus else str(path)
    result["provenance"] = analyzer.provenance()
    result["evidence"] = analyzer.evidence  # which labels the combined system counts
    if fmt == "json":
        click.echo(json.dumps(result, indent=2))
    else:
        from .render.common import EVIDENCE_STAMPS

        stamp = f"Combined: {EVIDENCE_STAMPS[analyzer.evidence]}.\n" if analyzer.loaded_model is not None else ""
        click.echo(format_evaluation(result) + stamp, nl=False)


class _Progress:
    """One self-rewriting stderr line: articles, rate, ETA, failures (only on a terminal)."""

    def __init__(self, total: int | None):
        self.total, self.last = total, 0.0

    def __call__(self, summary) -> None:
        import time

        now = time.monotonic()
        if now - self.last < 0.2 and (self.total is None or summary.records < self.total):
            return
        self.last = now
        rate = summary.records / summary.seconds if summary.seconds else 0.0
        done = summary.records + summary.skipped
        if self.total:
            eta = (self.total - done) / rate if rate else 0
            head = f"{done:,}/{self.total:,} articles ({100 * done / self.total:.0f}%)"
            tail = f", ETA {int(eta // 60)}m{int(eta % 60):02d}s"
        else:
            head, tail = f"{done:,} articles", ""
        failed = summary.failed + summary.failed_earlier  # like the count, the whole output's
        click.echo(f"\r{head}, {rate:,.0f}/s{tail}, {failed:,} failed   ", err=True, nl=False)


class _KeepsArguments(click.Command):
    """A command that remembers its arguments as typed (``ctx.meta["arguments"]``), so that a
    message can give the command to run next."""

    def parse_args(self, ctx, args):
        ctx.meta["arguments"] = list(args)
        return super().parse_args(ctx, args)


def _resume_command(ctx) -> str:
    import shlex

    arguments = ctx.meta.get("arguments", [])
    return shlex.join(["hedgeometer", "batch", *arguments, *([] if "--resume" in arguments else ["--resume"])])


@main.command(cls=_KeepsArguments)
@click.argument("inputs", nargs=-1, required=True, type=click.Path(allow_dash=True, path_type=str))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Rows go here: .csv or .jsonl (written incrementally; see --resume).")
@click.option("-f", "--format", "fmt", type=click.Choice(ROW_FORMATS), help="Row format (default: from the output name).")
@click.option("--sentences", is_flag=True, help="One row per sentence instead of one per article.")
@click.option("--glob", "globs", default=",".join(DEFAULT_GLOBS), show_default=True,
              help="Comma-separated file patterns to take from folders (searched recursively; case is ignored).")
@click.option("--text-field", default=RecordOptions.text_field, show_default=True,
              help="JSONL/CSV field holding the article text.")
@click.option("--id-field", default=RecordOptions.id_field, show_default=True, help="JSONL/CSV field holding the article id.")
@click.option("--headline-field", default=RecordOptions.headline_field, show_default=True,
              help="JSONL/CSV field holding the headline, if any.")
@click.option("--max-chars", default=RecordOptions.max_chars, show_default=True, type=click.IntRange(min=1),
              help="Longer texts become error rows instead of being scored.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Local worker processes (default: all cores).")
@click.option("--engine", type=click.Choice(ENGINES), default=ENGINES[0], show_default=True,
              help="Where to run: local processes, or an existing Dask distributed cluster.")
@click.option("--scheduler", metavar="ADDRESS", help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786.")
@click.option("--resume", is_flag=True, help="Continue an interrupted run: keep the rows in --output, skip their ids.")
@click.option("--readability", is_flag=True, help="Add readability columns (slower on long texts).")
@click.option("--encoding", default=RecordOptions.encoding, show_default=True, help="Text encoding of the inputs.")
@click.option("-q", "--quiet", is_flag=True, help="No progress line and no summary on stderr.")
@analyzer_options
@_fail_cleanly
def batch(inputs, output, fmt, sentences, globs, text_field, id_field, headline_field, max_chars, jobs, engine,
          scheduler, resume, readability, encoding, quiet, **analyzer_kwargs):
    """Score a whole corpus into CSV or JSONL rows, one per article (or per sentence).

    INPUTS are files, folders (searched recursively with --glob), or - for standard input.
    .txt and .md files are one article each; .html pages are reduced to their main text
    (needs 'pip install hedgeometer[html]'); .jsonl and .csv files hold one article per
    record, with --text-field and --id-field, and their other fields are carried to the output.

    Every input record yields exactly one row (with --sentences: its sentences' rows). A record
    that cannot be scored (unreadable, bad encoding, empty, missing text field, over
    --max-chars) yields a row with status=error and the cause, and the run goes on. Rows are
    written as they are done, in input order, so an interrupted run leaves complete rows, and
    --resume continues it without repeating or skipping an article (nor retrying an earlier
    error row). The exit code is 1 when the output file holds any error row, this run's or one
    kept from an earlier run, and the summary counts both.

    Every row is stamped with what scored it (version, lexicons, model, thresholds and
    overrides, --evidence, --boilerplate), and --resume continues only under the same
    settings: otherwise it refuses, names each difference and leaves the file alone. Ctrl-C
    stops cleanly and prints the command that resumes (exit 130). Inputs with no record at all
    (an empty folder, a CSV file with only its header) are an error: nothing to score.

    A row's id is the record's --id-field value as given, else where the record is: the
    file's path, PATH:LINE for a JSONL line, PATH#N for the N-th CSV record (an id met again
    gets ~2). A path inside the working folder is written relative to it (./b/x.txt and
    $PWD/b/x.txt are both b/x.txt), any other path absolute, so run --resume from the same
    working folder as the first run.

    \b
    Examples:
      hedgeometer batch articles/ -o scores.csv
      hedgeometer batch export.jsonl --text-field body --id-field url -o scores.jsonl
      hedgeometer batch export.jsonl -o scores.jsonl --resume        # after Ctrl-C
      hedgeometer batch corpus/ -o sentences.csv --sentences --jobs 4
      hedgeometer batch corpus/ -o scores.csv --engine dask --scheduler tcp://10.0.0.5:8786
    """
    ctx = click.get_current_context()
    try:
        _batch(inputs, output, fmt, sentences, globs, text_field, id_field, headline_field, max_chars, jobs, engine,
               scheduler, resume, readability, encoding, quiet, analyzer_kwargs)
    except KeyboardInterrupt:  # Ctrl-C before or between rows: every row written is whole
        _interrupted(ctx, output, None)


def _interrupted(ctx, output: Path, summary) -> None:
    """Say what an interrupted run left and the command that continues it; exit 130 (SIGINT)."""
    if summary is not None and summary.rows:
        done = (f"{plural(summary.records, 'article', grouped=True)} scored before the interrupt "
                f"({summary.failed:,} failed); every row in {output} is complete")
    elif output.exists() and output.stat().st_size:
        done = f"the rows already in {output} are complete"
    else:
        done = "no row was written yet"
    click.echo(f"\nInterrupted: {done}. To continue where it stopped (nothing is scored twice):\n"
               f"  {_resume_command(ctx)}", err=True)
    ctx.exit(130)


def _batch(inputs, output, fmt, sentences, globs, text_field, id_field, headline_field, max_chars, jobs, engine,
           scheduler, resume, readability, encoding, quiet, analyzer_kwargs):
    import itertools
    import sys

    from .runs.batch import run_batch
    from .runs.engines import default_jobs, loaded
    from .runs.writer import row_format
    from .runs.records import check_inputs, count_records, describe_no_records, iter_records

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    if resume and not output.exists():
        resume = False  # nothing to resume: a fresh run
    fmt = row_format(output, fmt)
    check_inputs(inputs)
    options = RecordOptions(text_field=text_field, id_field=id_field, headline_field=headline_field, encoding=encoding,
                            max_chars=max_chars, globs=tuple(g.strip() for g in globs.split(",") if g.strip()))
    # article rows count the model's labels alone but list no n-grams, so they need the evidence kinds only
    # bad lexicon or model: fail before any row
    analyzer = loaded(build_analyzer(readability=readability, evidence_ngrams=5 if sentences else 0, **analyzer_kwargs))
    records = iter_records(inputs, options)
    first = next(records, None)
    if first is None:  # an empty folder, a header-only CSV: a run that scores nothing is not a success
        raise click.ClickException(f"nothing to score: {phrase(describe_no_records(inputs, options), _as_option)}; "
                                   f"no output was written")
    show_progress = not quiet and sys.stderr.isatty()
    progress = _Progress(count_records(inputs, options) if show_progress else None) if show_progress else None
    summary = run_batch(itertools.chain([first], records), output, analyzer=analyzer, fmt=fmt,
                        sentences=sentences, jobs=jobs or default_jobs(), engine=engine, scheduler=scheduler,
                        resume=resume, on_progress=progress, name_hint=_as_option)
    if summary.interrupted:
        _interrupted(click.get_current_context(), output, summary)
    if not quiet:
        if show_progress:
            click.echo("", err=True)
        skipped = f", {summary.skipped:,} already done" if summary.skipped else ""
        earlier = f", {summary.failed_earlier:,} failed earlier" if summary.failed_earlier else ""
        click.echo(f"{plural(summary.records, 'article', grouped=True)} scored in {summary.seconds:.1f}s{skipped}, "
                   f"{summary.failed:,} failed{earlier}; {plural(summary.rows, 'row', grouped=True)} "
                   f"{'added to' if resume else 'in'} {output}", err=True)
        listed = [("failed", *failure) for failure in summary.failures[:5]]
        listed += [("failed earlier", *failure) for failure in summary.earlier_failures[:5 - len(listed)]]
        for label, identifier, error in listed:
            click.echo(f"  {label}: {identifier}: {error}", err=True)
        if summary.failed + summary.failed_earlier > len(listed):
            click.echo(f"  ... see the status=error rows in {output}", err=True)
        if resume and summary.kept and summary.records and not summary.skipped:
            click.echo(f"Warning: none of the {plural(summary.kept, 'record', grouped=True)} already in {output} "
                       f"is among these inputs, so every input was scored and added after them. Ids name files "
                       f"relative to the working folder: was the first run started from another folder, or given "
                       f"other inputs?",
                       err=True)
    if not summary.clean:
        sys.exit(1)


@main.group()
def lexicon():
    """Inspect and validate the lexicons in use."""


@lexicon.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--liwc-map", callback=_parse_liwc_map, metavar="CAT=DIM,...", help="Mapping for LIWC .dic files.")
@_fail_cleanly
def lexicon_check(paths, liwc_map):
    """Validate the shipped lexicons plus any PATHS; list every problem with file:line.

    Exits 1 when any row is malformed.
    """
    from .rules.lexicon import load_lexicons

    loaded = load_lexicons(paths, liwc_map=liwc_map)
    counts = loaded.counts()
    for dimension in DIMENSIONS:
        click.echo(f"{dimension:<12} {counts[dimension]:>4} {'cue' if counts[dimension] == 1 else 'cues'}")
    click.echo(f"OK: {plural(sum(counts.values()), 'cue')} from {plural(len(loaded.sources), 'file')}, "
               f"fingerprint {loaded.fingerprint}")


@lexicon.command("list")
@click.option("--dimension", type=click.Choice(DIMENSIONS), help="Only this dimension.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(path_type=Path), help="Extra lexicon file or folder.")
@click.option("--liwc-map", callback=_parse_liwc_map, metavar="CAT=DIM,...", help="Mapping for LIWC .dic files.")
@_fail_cleanly
def lexicon_list(dimension, lexicons, liwc_map):
    """List cues as TSV: dimension, pattern, category, weight, guards, source."""
    from .rules.lexicon import load_lexicons

    loaded = load_lexicons(lexicons, liwc_map=liwc_map)
    click.echo("dimension\tpattern\tcategory\tweight\tguards\tsource")
    for cue in sorted(loaded.cues, key=lambda c: (DIMENSIONS.index(c.dimension), c.pattern)):
        if dimension and cue.dimension != dimension:
            continue
        click.echo(f"{cue.dimension}\t{cue.pattern}\t{cue.category}\t{cue.weight:g}\t{','.join(cue.guards)}\t{cue.source}")


@lexicon.command("explain")
@click.argument("sentence")
@analyzer_options
@_fail_cleanly
def lexicon_explain(sentence, **analyzer_kwargs):
    """Show which cues fire in SENTENCE, with their rows, and the resulting scores.

    \b
    Example:
      hedgeometer lexicon explain "The talks may collapse, sources said."
    """
    if not sentence.strip():
        raise click.BadParameter("it is empty; give a sentence, e.g. hedgeometer lexicon explain \"The talks may collapse.\"",
                                 param_hint="SENTENCE")
    from .render.common import EVIDENCE_STAMPS, MODEL_ONLY, evidence_phrase, format_ngrams

    analyzer = build_analyzer(**analyzer_kwargs)
    scored = analyzer.score_sentences([sentence])[0]
    if not scored.cues:
        click.echo("no cue matched")
    for cue in scored.cues:
        click.echo(f"{cue.dimension:<12} {cue.text!r:<30} pattern {cue.pattern!r} ({cue.category}, weight {cue.weight:g})")
    click.echo("scores: " + ", ".join(f"{d} {scored.scores[d]:.2f}" for d in DIMENSIONS))
    model_only = scored.model_only
    click.echo("labels: " + (", ".join(d + (f" ({MODEL_ONLY})" if d in model_only else "") for d in scored.labels) or "none"))
    model = analyzer.loaded_model
    if model is not None and scored.labels:
        # the whole decision of each label: its strongest n-grams, then everything else the model added
        from .text.tokens import Tokens

        tokens = Tokens(sentence)
        matches, other_sense = analyzer.loaded_lexicon.find(tokens, sentence, 0)
        for dimension in scored.labels:
            entry = scored.evidence[dimension]
            parts = model.contributions(tokens, matches, dimension, other_sense=other_sense)
            shown = {term for term, _ in entry["ngrams"]}
            others = sorted(((name, value) for name, value in parts.items() if name not in shown and round(value, 2)),
                            key=lambda item: -abs(item[1]))
            intercept = float(model.intercept_[DIMENSIONS.index(dimension)])
            decision = sum(parts.values()) + intercept
            click.echo(f"  {dimension:<12} {evidence_phrase(entry['kind'], entry['ngrams'])}")
            rest = format_ngrams(others[:6], lambda name: f'"{name}"' if name in model.vocabulary_ else name)
            click.echo(f"  {'':<12} the rest: {rest if others else 'nothing'}"
                       f"{', ...' if len(others) > 6 else ''}; intercept {intercept:+.2f}; decision {decision:+.2f}")
    click.echo(EVIDENCE_STAMPS[analyzer.evidence])


if __name__ == "__main__":  # pragma: no cover
    main()
