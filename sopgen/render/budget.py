"""Bounds on what a template may cost: time, the size of any text it builds, and number sizes.

A template override arrives in a pull request like any SOP, so `{{ 10**(10**9) }}`,
`{{ 'a' * 10**9 }}` or loops nested a hundred thousand deep must stop with a
message, not hang CI or fill its memory and disk. Three things hold:

- no text the template builds (its output, a block, a macro's result, a `~`
  join, a filter's or a string method's result) grows past ``max_output_bytes``,
  and nothing is asked to grow past it (widths, repeats, separators are checked
  before the work is done);
- no integer grows past ``MAX_INT_BITS``, and all loops together run at most
  ``MAX_LOOP_ITERATIONS`` times (a loop that only appends to a list in a macro
  grows memory, not output);
- all the rendering of one command stops after ``seconds`` (on Unix through
  a timer signal, which also stops loops that print nothing).
"""

from __future__ import annotations

import contextlib
import functools
import math
import re
import signal
import threading
import time
from typing import Any, Callable, Iterable, Iterator

from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.ext import Extension
from jinja2.sandbox import SandboxedEnvironment

DEFAULT_SECONDS = 60
DEFAULT_MAX_OUTPUT_BYTES = 50_000_000
MAX_INT_BITS = 16_384        # about 4,900 decimal digits, more than any page needs
MAX_WIDTH = 100_000          # the largest width, count or indent a filter or method may be asked for
MAX_LOOP_ITERATIONS = 20_000_000   # of all template loops in one command; a library uses thousands


class BudgetExceeded(Exception):
    """A template went past its time or size budget; the message says which."""


class _Budget:
    def __init__(self, seconds: float, max_output_bytes: int):
        self.seconds = seconds
        self.max_chars = max_output_bytes
        self.deadline: float | None = None

    def start(self) -> None:
        if self.deadline is None:
            self.deadline = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return (self.deadline or time.monotonic() + self.seconds) - time.monotonic()

    def check_time(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise BudgetExceeded(self.time_message())

    def time_message(self) -> str:
        return (f"rendering took longer than the budget of {self.seconds:g} seconds "
                f"(limits: render_seconds in sopgen.yaml)")

    def check_size(self, size: int) -> None:
        if size > self.max_chars:
            raise BudgetExceeded(f"it would produce more than {self.max_chars:,} characters of text "
                                 f"(limits: max_output_bytes in sopgen.yaml)")

    def check_int(self, bits: float) -> None:
        if bits > MAX_INT_BITS:
            raise BudgetExceeded(f"it would compute a number of more than {MAX_INT_BITS:,} bits")

    def check_width(self, value: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_WIDTH:
            raise BudgetExceeded(f"it asks for a width or count of {_short(value)}, more than {MAX_WIDTH:,}")


def _short(number: int) -> str:
    return f"{number:,}" if number.bit_length() < 64 else f"about 2**{number.bit_length()}"


def _size(value: Any) -> int:
    """How much text a value stands for: its length if it is text, else the sum of its items'."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return sum(len(item) if isinstance(item, str) else 1 for item in value)
    try:
        return len(value)
    except TypeError:
        return 1


class _LoopCounter(Extension):
    """Where compiled loops find bounded_iter (Jinja allows no node types of one's own, so a loop's
    iterable is wrapped in a call to this extension's method)."""

    identifier = "sopgen.loop_counter"

    def bounded_iter(self, items: Iterable) -> Iterator:
        return self.environment.bounded_iter(items)


class _BoundedCodeGenerator(CodeGenerator):
    """Routes every `~` join and every for loop through the budget; Jinja's sandbox intercepts neither."""

    def visit_Concat(self, node, frame) -> None:
        self.write("environment.bounded_text(")
        super().visit_Concat(node, frame)
        self.write(")")

    def visit_For(self, node, frame) -> None:
        counter = nodes.ExtensionAttribute(_LoopCounter.identifier, "bounded_iter", lineno=node.lineno)
        if not (isinstance(node.iter, nodes.Call) and node.iter.node == counter):
            node.iter = nodes.Call(counter, [node.iter], [], None, None, lineno=node.lineno)
        super().visit_For(node, frame)


# Filters whose result can be far larger than their input, and what bounds it.
_AMPLIFYING_FILTERS = {"center", "indent", "wordwrap", "format", "replace", "join", "batch", "slice",
                       "tojson", "pprint", "truncate", "filesizeformat", "urlencode", "xmlattr"}
_STR_METHODS = {"center", "ljust", "rjust", "zfill", "expandtabs", "join", "replace", "format",
                "format_map", "__mod__", "__mul__", "__add__"}
# A width or precision inside a printf-style conversion, or inside a {field:spec} of str.format.
_PRINTF_NUMBERS = re.compile(r"%[-#0 +]*(\d*)(?:\.(\d*))?")
_FORMAT_FIELD = re.compile(r"\{[^{}]*\}")
_DIGITS = re.compile(r"\d+")


class BoundedSandbox(SandboxedEnvironment):
    """Jinja's sandbox, with the bounds above on time, text and numbers."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, *args, seconds: float = DEFAULT_SECONDS,
                 max_output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_extension(_LoopCounter)
        self.budget = _Budget(seconds, max_output_bytes)
        self.iterations = 0   # of all loops in all renders of this environment
        self.concat = self._bounded_concat
        self.globals["lipsum"] = functools.partial(self._bounded_call, self.globals["lipsum"], "lipsum")
        for name in _AMPLIFYING_FILTERS & set(self.filters):
            self.filters[name] = self._bounded_filter(self.filters[name])

    # -- rendering

    def render(self, template, context: dict) -> str:
        """Render with the clock running: at most the budget's seconds over all renders of this environment."""
        self.budget.start()
        with _alarm(self.budget):
            return template.render(**context)

    # -- what the compiled templates call

    def bounded_text(self, text):
        self.budget.check_size(len(text))
        self.budget.check_time()
        return text

    def bounded_iter(self, items: Iterable) -> Iterator:
        """Each item of a loop, counted: a loop that only adds to a list grows memory, not output."""
        for item in items:
            self.iterations += 1
            if self.iterations % 1024 == 0:
                self.budget.check_time()
                if self.iterations > MAX_LOOP_ITERATIONS:
                    raise BudgetExceeded(f"its loops ran more than {MAX_LOOP_ITERATIONS:,} times")
            yield item

    def _bounded_concat(self, pieces: Iterable[str]) -> str:
        pieces = list(pieces)
        self.budget.check_size(sum(map(len, pieces)))
        self.budget.check_time()
        return "".join(pieces)

    def call_binop(self, context, operator: str, left: Any, right: Any) -> Any:
        self.budget.check_time()
        ints = all(isinstance(v, int) for v in (left, right))
        if operator == "**" and ints and right > 0 and abs(left) > 1:
            self.budget.check_int(right * math.log2(abs(left)))
        elif operator == "*" and ints:
            self.budget.check_int(left.bit_length() + right.bit_length())
        elif operator == "*":
            for sequence, times in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(times, int):
                    self.budget.check_size(_size(sequence) * max(times, 0))
        elif operator == "+" and isinstance(left, (str, list, tuple)):
            self.budget.check_size(_size(left) + _size(right))
        elif operator == "%" and isinstance(left, str):
            self._check_printf(left, right)
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, str):
            self.budget.check_size(len(result))
        return result

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - the names Jinja's own call uses
        __self.budget.check_time()
        method = getattr(__obj, "__wrapped__", __obj)   # the sandbox wraps str.format
        owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
        if isinstance(owner, str) and name in _STR_METHODS:
            __self._check_arguments(owner, args, kwargs, "\t" if name == "expandtabs" else "")
            if name in ("format", "format_map"):
                __self._check_format_fields(owner)
            elif name == "__mod__":
                __self._check_printf(owner, args[0] if args else ())
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, str):
            __self.budget.check_size(len(result))
        return result

    # -- checks before the work is done

    def _check_arguments(self, value: Any, args: tuple, kwargs: dict, per_line: str = "") -> None:
        """Refuse a width beyond MAX_WIDTH, and text whose worst case (each
        character of the input or each item of a list given a copy of every
        text argument) is beyond the budget."""
        arguments = [*args, *kwargs.values()]
        for argument in arguments:
            self.budget.check_width(argument)
            if isinstance(argument, (list, tuple)):
                self.budget.check_size(_size(argument))
        extra = sum(_size(a) for a in arguments if isinstance(a, (str, list, tuple)))
        widest = max((abs(a) for a in arguments if isinstance(a, int) and not isinstance(a, bool)), default=0)
        self.budget.check_size((_size(value) + 1) * (extra + 1) + widest)
        if per_line:  # indent and expandtabs add the width once per line or tab
            self.budget.check_size(_size(value) + (value.count(per_line) + 1) * widest)

    def _check_printf(self, template: str, values: Any) -> None:
        """`"%0999999999d" % 1` asks for a width in the format itself."""
        for found in _PRINTF_NUMBERS.finditer(template):
            for number in found.groups():
                if number:
                    self.budget.check_width(int(number[:8]))
        for value in values if isinstance(values, tuple) else (values,):
            self.budget.check_width(value)

    def _check_format_fields(self, template: str) -> None:
        """`"{:>999999999}".format(1)` asks for a width in a field of the format."""
        for field in _FORMAT_FIELD.finditer(template):
            for number in _DIGITS.findall(field.group().partition(":")[2]):
                self.budget.check_width(int(number[:8]))

    def _bounded_filter(self, function: Callable) -> Callable:
        passes = getattr(function, "jinja_pass_arg", None)

        @functools.wraps(function)
        def bounded(*args, **kwargs):
            self.budget.check_time()
            given = args[1:] if passes is not None else args   # the context or environment comes first
            if given and isinstance(given[0], Iterator):   # map() and the like: count what they give
                given = (list(given[0]), *given[1:])
                args = (*args[:len(args) - len(given)], *given)
            if given:
                per_line = "\n" if function.__name__ == "do_indent" and isinstance(given[0], str) else ""
                self._check_arguments(given[0], tuple(given[1:]), kwargs, per_line)
                if function.__name__ == "do_format" and isinstance(given[0], str):
                    self._check_printf(given[0], tuple(given[1:]))
            result = function(*args, **kwargs)
            if isinstance(result, str):
                self.budget.check_size(len(result))
            return result

        return bounded

    def _bounded_call(self, function: Callable, name: str, *args, **kwargs):
        self._check_arguments("", args, kwargs)
        for argument in (*args, *kwargs.values()):
            if isinstance(argument, int) and argument > 100:
                raise BudgetExceeded(f"{name}() may make at most 100 paragraphs")
        return function(*args, **kwargs)


@contextlib.contextmanager
def _alarm(budget: _Budget) -> Iterator[None]:
    """Interrupt the render when the budget's time runs out, even in a loop that calls nothing.

    Only the main thread of a Unix process can take the timer signal; elsewhere
    the checks in the sandbox's hooks stop the render at the next call or join.
    """
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    remaining = budget.remaining()
    if remaining <= 0:
        raise BudgetExceeded(budget.time_message())

    def expired(signum, frame):
        raise BudgetExceeded(budget.time_message())

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, remaining)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
