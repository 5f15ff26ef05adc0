"""The SVG line chart: well formed, scaled, and safe with any text."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from sopgen.quality.charts import WARNING, Marker, Point, line_chart

SVG = "{http://www.w3.org/2000/svg}"
START, END = dt.date(2026, 9, 1), dt.date(2026, 10, 31)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def circles(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{SVG}circle")


def test_each_visit_is_a_point_joined_by_one_line_in_date_order():
    points = [Point(dt.date(2026, 9, 2), 70), Point(dt.date(2026, 9, 16), 80), Point(dt.date(2026, 9, 30), 90)]
    root = parse(line_chart(points, START, END))
    dots = circles(root)
    assert len(dots) == 3
    xs = [float(c.get("cx")) for c in dots]
    ys = [float(c.get("cy")) for c in dots]
    assert xs == sorted(xs)
    assert ys == sorted(ys, reverse=True), "a higher score is drawn higher up"
    assert len(root.findall(f"{SVG}polyline")) == 1


def test_a_single_visit_is_a_point_without_a_line():
    root = parse(line_chart([Point(dt.date(2026, 9, 2), 80)], START, END))
    assert len(circles(root)) == 1
    assert root.findall(f"{SVG}polyline") == []


def test_a_visit_with_a_critical_miss_is_a_triangle_in_the_warning_colour_not_only_another_colour():
    root = parse(line_chart([Point(dt.date(2026, 9, 2), 80, flagged=True), Point(dt.date(2026, 9, 9), 85)],
                            START, END))
    assert [c.get("fill") for c in circles(root)] == ["#1e2326"]
    [triangle] = [p for p in root.findall(f"{SVG}path") if p.get("class") == "critical"]
    assert triangle.get("fill") == WARNING and triangle.get("d").count(" L ") == 2


def test_charts_that_are_compared_can_share_one_scale():
    points = [Point(dt.date(2026, 9, 2), 85), Point(dt.date(2026, 9, 9), 95)]
    root = parse(line_chart(points, START, END, low=60))
    labels = [t.text for t in root.findall(f"{SVG}text") if t.text.isdigit()]
    assert labels[-1] == "60"


def test_the_target_is_a_dashed_line_with_its_label_and_milestones_are_labelled_markers():
    svg = line_chart([Point(dt.date(2026, 9, 2), 80)], START, END, target=90,
                     markers=(Marker(dt.date(2026, 10, 31), 88, "88 by 31 Oct"),))
    root = parse(svg)
    assert any(line.get("stroke-dasharray") for line in root.findall(f"{SVG}line"))
    texts = [t.text for t in root.findall(f"{SVG}text")]
    assert "target 90" in texts and "88 by 31 Oct" in texts
    assert len(root.findall(f"{SVG}path")) == 1


def test_the_scale_starts_below_the_lowest_value_in_tens_and_ends_at_100():
    root = parse(line_chart([Point(dt.date(2026, 9, 2), 72), Point(dt.date(2026, 9, 9), 95)], START, END))
    labels = [t.text for t in root.findall(f"{SVG}text") if t.text.isdigit()]
    assert labels[0] == "100" and labels[-1] == "60"


def test_text_in_labels_is_escaped():
    svg = line_chart([Point(dt.date(2026, 9, 2), 80)], START, END,
                     markers=(Marker(dt.date(2026, 9, 2), 80, "<script>alert(1)</script>"),),
                     description='Door "&" <friends>')
    assert "<script>" not in svg
    root = parse(svg)
    assert root.find(f"{SVG}title").text == 'Door "&" <friends>'


def test_a_chart_of_one_day_does_not_divide_by_zero():
    day = dt.date(2026, 9, 2)
    root = parse(line_chart([Point(day, 80)], day, day))
    assert 0 < float(circles(root)[0].get("cx")) < float(root.get("width"))


def test_date_labels_are_few_enough_to_read():
    root = parse(line_chart([], dt.date(2026, 1, 1), dt.date(2026, 12, 31)))
    dates = [t.text for t in root.findall(f"{SVG}text") if not t.text.isdigit()]
    assert 2 <= len(dates) <= 7
