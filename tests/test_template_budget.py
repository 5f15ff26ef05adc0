"""A template override cannot hang the build or fill memory and disk: it is stopped, named, exit 2."""

from __future__ import annotations

import subprocess
import sys

import pytest

TEMPLATE = "templates/md/sop.md"

HOSTILE = {
    "huge-power": "{{ 10**(10**9) }}",
    "power-tower": "{{ (9**9)**(9**9) }}",
    "repeated-string": "{{ 'a' * 10**9 }}",
    "repeated-list": "{{ (['abc'] * 10**9) | length }}",
    "squaring-in-a-loop": "{% set ns = namespace(n=3) %}{% for i in range(64) %}{% set ns.n = ns.n * ns.n %}"
                          "{% endfor %}{{ ns.n > 0 }}",
    "doubling-a-string": '{% set ns = namespace(s="ab") %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}'
                         "{% endfor %}{{ ns.s | length }}",
    "doubling-with-plus": '{% set ns = namespace(s="ab") %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}'
                          "{% endfor %}{{ ns.s | length }}",
    "silent-nested-loops": "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "printing-nested-loops": "{% for i in range(99999) %}{% for j in range(99999) %}xxxxxxxxxx{% endfor %}"
                             "{% endfor %}",
    "macro-building-text": "{% macro m() %}{% for i in range(99999) %}{% for j in range(999) %}xxxxxxxxxx"
                           "{% endfor %}{% endfor %}{% endmacro %}{{ m() | length }}",
    "center-filter": "{{ 'x' | center(10**9) }}",
    "indent-filter": "{{ ('x\\n' * 50000) | indent(99999) }}",
    "join-separator": "{{ range(99999) | join('x' * 99999) }}",
    "replace-method": "{{ ('a' * 99999).replace('a', 'b' * 99999) }}",
    "format-method-width": '{{ "{:>999999999}".format(1) }}',
    "printf-width": '{{ "%0999999999d" % 1 }}',
    "format-filter-width": '{{ "%999999999s" | format("x") }}',
    "ljust-method": "{{ 'x'.ljust(10**9) }}",
    "lipsum": "{{ lipsum(10**6) }}",
}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_template_past_its_budget_is_stopped_and_named(make_project, VALID_CONFIG, name):
    # In a process of its own: before the budget, these ran for hours or until memory ran out.
    root = make_project(config=VALID_CONFIG + "limits: {render_seconds: 1, max_output_bytes: 5000000}\n")
    (root / "templates" / "md").mkdir(parents=True)
    (root / TEMPLATE).write_text(HOSTILE[name], encoding="utf-8")

    run = subprocess.run([sys.executable, "-c", "from sopgen.cli import main; main()", "build", "--format", "md"],
                         cwd=root, capture_output=True, text=True, timeout=120,
                         env={"PATH": "", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})

    assert run.returncode == 2, run.stdout + run.stderr
    assert f"{TEMPLATE}: stopped: " in run.stderr, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    assert not (root / "build").exists()


def test_the_default_budget_stops_a_template_that_never_ends(make_project):
    from sopgen.render.budget import DEFAULT_SECONDS, BudgetExceeded
    from sopgen.render.environment import make_environment
    from sopgen.core.load import Limits

    env = make_environment(None, Limits(render_seconds=1))
    template = env.from_string("{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}")

    with pytest.raises(BudgetExceeded, match="longer than the budget of 1 seconds"):
        env.render(template, {})
    assert 10 <= DEFAULT_SECONDS <= 300


@pytest.mark.parametrize("text", [
    "{{ 2**100 }} {{ 'ab' * 3 }} {{ [1, 2] * 2 }} {{ 'x' | center(9) }} {{ '%05d' % 42 }}",
    "{{ 'a\\nb' | indent(4) }} {{ '{:>6}'.format('r') }} {{ range(3) | join(', ') }} {{ 'x'.ljust(3) }}|",
    "{{ ('word ' * 2000) | truncate(255) }} {{ ('word ' * 2000) | wordwrap(79) | length }}",
])
def test_ordinary_template_arithmetic_and_filters_still_work(text):
    from sopgen.render.environment import make_environment

    env = make_environment(None)
    expected = make_environment.__globals__["jinja2"].Environment().from_string(text).render()

    assert env.render(env.from_string(text), {}) == expected


def test_limits_for_rendering_must_be_positive(make_project, run_cli, VALID_CONFIG):
    root = make_project(config=VALID_CONFIG + "limits: {render_seconds: 0}\n")

    code, out, err = run_cli(["lint"], cwd=root)

    assert code == 2 and "limits: render_seconds must be from 1 to 3,600" in err


def test_loops_that_only_grow_a_list_are_stopped_by_their_count_long_before_the_time_budget():
    # Inside a macro, output is kept in a list until the macro returns: memory grows, output does not.
    from sopgen.core.load import Limits
    from sopgen.render.budget import MAX_LOOP_ITERATIONS, BudgetExceeded
    from sopgen.render.environment import make_environment

    env = make_environment(None, Limits(render_seconds=3_600))
    template = env.from_string("{% macro m() %}{% for i in range(99999) %}{% for j in range(99999) %}x"
                               "{% endfor %}{% endfor %}{% endmacro %}{{ m() | length }}")

    with pytest.raises(BudgetExceeded, match=f"loops ran more than {MAX_LOOP_ITERATIONS:,} times"):
        env.render(template, {})


def test_loops_still_give_loop_variables_else_branches_and_recursion():
    from sopgen.render.environment import make_environment

    env = make_environment(None)
    text = ("{% for i in range(3) %}{{ loop.index }}/{{ loop.length }}{% if loop.last %}!{% endif %}{% endfor %}|"
            "{% for x in [] %}x{% else %}empty{% endfor %}|"
            "{% for x in [[1, [2]]] recursive %}{% if x is iterable %}{{ loop(x) }}{% else %}{{ x }}{% endif %}"
            "{% endfor %}")

    assert env.render(env.from_string(text), {}) == "1/32/33/3!|empty|12"
