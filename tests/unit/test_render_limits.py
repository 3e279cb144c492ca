"""The Jinja2 sandbox authoring renders in: refusals and limits a server can rely on.

Each test would fail if the protection went away: with a plain (or mutable) Jinja2 environment the
unsafe templates below render, and without the limits the big ones take the machine's memory or time.
"""

from __future__ import annotations

import pytest
from kakao_share import TemplateRenderError, render_template
from kakao_share._sandbox import MAX_INDENT, MAX_ITERATIONS, MAX_OUTPUT

HEAD = '{"object_type": "text", "link": {"web_url": "https://example.com"},\n"text": '


def text_of(expression: str, context=None) -> str:
    """Render a text message whose text is ``expression`` (on line 2 of the source)."""
    return render_template(HEAD + expression + "}", context).text


def refused(expression: str, context=None) -> TemplateRenderError:
    with pytest.raises(TemplateRenderError) as err:
        text_of(expression, context)
    return err.value


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ('{{ "".__class__.__name__ }}', "access to attribute '__class__' of 'str' object is unsafe."),
        ("{{ message.__init__.__globals__ }}", "access to attribute '__init__' of 'dict' object is unsafe."),
        ('{{ [].append("x") or "a" }}', "access to attribute 'append' of 'list' object is unsafe."),
    ],
)
def test_the_sandbox_itself_refuses_unsafe_access(expression, reason):
    error = refused(expression, {"message": {}})
    assert error.reason == f"refused by the sandbox: {reason}"
    assert (error.lineno, error.problems[0].code) == (2, "unsafe")


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ('{{ "x" * 10**9 }}', "repeating with * would make 1,000,000,000"),
        ("{{ ([0] * 10**9)|length|string }}", "repeating with * would make 2,000,000,000"),
        ("{{ (2 ** 1000000)|string }}", "an integer power, in bits, would make 2,000,000"),
        ('{{ "x"|center(10**9) }}', "center would make 1,000,000,000"),
        ('{{ "x".rjust(10**9) }}', "str.rjust would make 1,000,000,000"),
        ('{{ "%999999999d"|format(1) }}', "a % format width would make 999,999,999"),
        ('{{ "%*d" % (10**9, 1) }}', "a % format width would make 1,000,000,000"),
        ('{{ "{:>999999999}".format(1) }}', "a format width would make 999,999,999"),
        ('{{ ("x" * 50000)|replace("x", "yyy") }}', "replace would make 150,000"),
        ('{{ range(10)|join("z" * 20000) }}', "join would make 180,001"),
        ('{{ ("\\n" * 50000)|indent(4) }}', "indent would make 250,004"),
        ('{{ ("y" * 60000, "y" * 60000)|length|string }}', "a value would make 120,002"),
        ("{{ [1]|batch(10**9, 0)|list|length|string }}", "batch would make 1,000,000,000"),
        (
            "{{ range(10**9)|length|string }}",
            f"range() would make 1,000,000,000; a template may make at most {MAX_ITERATIONS:,}",
        ),
        ("{{ [[1]]|tojson(indent=1000) }}", f"tojson's indent may be at most {MAX_INDENT}"),
    ],
)
def test_operations_that_would_make_too_much_are_refused_before_they_run(expression, reason):
    error = refused(expression)
    assert error.reason.startswith(f"refused by the sandbox: {reason}"), error.reason
    assert (error.lineno, error.problems[0].code) == (2, "render_limit")


def test_the_document_may_not_grow_past_the_output_limit():
    error = refused('{% for i in range(2000) %}{{ "x" * 60 }}{% endfor %}"x"')
    assert error.reason == f"refused by the sandbox: the template wrote more than {MAX_OUTPUT:,} characters"
    # Literal text counts too, and so does text collected in a block before it is written.
    refused("{% for i in range(2000) %}" + "y" * 60 + '{% endfor %}"x"')
    refused('{% set s %}{% for i in range(2000) %}{{ "x" * 60 }}{% endfor %}{% endset %}{{ s|length|string }}')


def test_values_are_counted_as_they_are_written_not_only_when_joined():
    # Three values of 60,000 characters collected in a block: refused at the second, before the block
    # (or the document) would join them.
    error = refused('{% set s %}{% for i in range(3) %}{{ "x" * 60000 ~ i }}{% endfor %}{% endset %}"x"')
    assert error.reason == (
        f"refused by the sandbox: the values the template wrote add up to more than {MAX_OUTPUT:,} characters"
    )


def test_limits_hold_at_their_exact_boundary():
    loops = '{% for i in range(100) %}{% for j in range(INNER) %}{% endfor %}{% endfor %}"x"'
    assert text_of(loops.replace("INNER", "99")) == "x"  # 100 + 100 * 99 iterations: exactly the limit
    assert MAX_ITERATIONS == 10_000
    refused(loops.replace("INNER", "100"))
    assert text_of(f"{{{{ range({MAX_ITERATIONS})|length|string }}}}") == str(MAX_ITERATIONS)
    refused(f"{{{{ range({MAX_ITERATIONS + 1})|length|string }}}}")
    half = MAX_OUTPUT // 2
    assert text_of(f'{{{{ ("x" * {half} ~ "y" * {half})|length|string }}}}') == str(MAX_OUTPUT)
    error = refused(f'{{{{ ("x" * {half} ~ "y" * {half + 1})|length|string }}}}')
    assert error.reason.startswith(f"refused by the sandbox: joining with ~ would make {MAX_OUTPUT + 1:,}")
    assert error.lineno == 2
    pair = f'("x" * {half - 1}, "y" * {half - 1})'  # a value of 2 + 99,998: just inside the limit
    assert text_of(f'{{{{ {pair}|join(",,")|length|string }}}}') == str(MAX_OUTPUT)
    error = refused(f'{{{{ {pair}|join(",,,")|length|string }}}}')
    assert error.reason.startswith(f"refused by the sandbox: join would make {MAX_OUTPUT + 1:,}")


def test_other_growing_operations():
    error = refused("{{ 10**9 * 'x' }}")
    assert error.reason.startswith("refused by the sandbox: repeating with * would make 1,000,000,000")
    error = refused('{{ ("x" * 60000) + ("y" * 60000) }}')
    assert error.reason.startswith("refused by the sandbox: adding with + would make 120,000")
    error = refused('{{ ("a b " * 20000)|wordwrap(1, wrapstring="-" * 100) }}')
    assert error.reason.startswith("refused by the sandbox: wordwrap would make")
    assert text_of('{{ ("a b " * 3)|wordwrap(3, wrapstring="/") }}') == "a b/a b/a b"
    error = refused('{{ ("x" * 50000)|replace("x", "yyy", 30000) }}')
    assert error.reason.startswith("refused by the sandbox: replace would make 110,000")
    assert text_of('{{ ("x" * 50000)|replace("x", "yyy", 20000)|length|string }}') == "90000"
    refused("{{ lipsum(1000) }}")  # Jinja2's lorem ipsum makes any amount of text: not available


def test_loops_are_counted_together():
    error = refused('{% for a in range(200) %}{% for b in range(200) %}{% endfor %}{% endfor %}"x"')
    assert error.reason == f"refused by the sandbox: the template ran more than {MAX_ITERATIONS:,} loop iterations"
    refused("{% for x in [1] recursive %}{% if loop.depth < 5 %}{{ loop(range(100)) }}{% endif %}{% endfor %}")
    # Data loops count as well.
    refused('{% for a in items %}{% for b in items %}{% endfor %}{% endfor %}"x"', {"items": list(range(150))})


def test_values_that_double_are_stopped():
    refused('{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"x"')
    refused('{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = ns.l + ns.l %}{% endfor %}"x"')
    refused('{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}"x"')


def test_ordinary_templates_are_well_inside_the_limits():
    source = (
        "{% set ns = namespace(parts=[]) %}{% for i in range(50) %}{% set ns.parts = ns.parts + [i|string] %}"
        '{% endfor %}{{ ns.parts|join(",")|truncate(40) ~ " " ~ "%05d"|format(42) ~ " " ~ "{:,}".format(1234567) }}'
    )
    assert text_of(source) == "0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15... 00042 1,234,567"
    assert text_of('{{ "가" * 200 }}') == "가" * 200
    assert text_of("{{ items|map(attribute='n')|sum|string }}", {"items": [{"n": 1}, {"n": 2}]}) == "3"


def test_json_nested_too_deeply_is_a_render_error():
    with pytest.raises(TemplateRenderError) as err:
        render_template("[" * 50_000 + "]" * 50_000)
    assert "nested too deeply" in err.value.reason
