"""Readability works with the network unreachable (textstat must not download anything)."""

import socket

import pytest

from hedgeometer.readability import readability


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_readability_offline(no_network):
    figures = readability(["The cat sat on the mat.", "Officials may delay the vote until the spring."])
    assert figures["flesch_reading_ease"] > 60 and figures["flesch_kincaid_grade"] < 8
    assert figures["gunning_fog"] > 0 and figures["sampled"] is False


def test_readability_of_nothing():
    assert readability([])["flesch_reading_ease"] is None
    assert readability(["... !!! ???"])["gunning_fog"] is None


def test_long_texts_are_sampled():
    figures = readability(["The committee met again on a cold Tuesday morning in the town hall."] * 3000)
    assert figures["sampled"] is True and figures["flesch_reading_ease"] is not None
