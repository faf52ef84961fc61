"""Stories for synthetic corpora: several articles reporting one subject over time.

A story is a place followed by a run of articles, each published some weeks
after the last. Its articles report the same subjects at their own dates:

  combat deaths around the place   a cumulative flow (killed), counted since the
                                   story's start, growing from article to article
  people who fled the place        a cumulative flow (displaced) since the start
  people still displaced from it   a stock (remain_displaced) at each date: it rises
                                   to a peak and falls, as displacement stocks do

so a corpus of a few thousand claims has series with increments, net changes
and their rates at scale. Values follow a hidden true trajectory, and every
hedge the text writes contains it, so successive counts are consistent.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from tests.support import synth as s

STORY_ARTICLES = 5  # articles per story
GAP_DAYS = 40  # days between two articles of a story (plus up to 9)


@dataclass(frozen=True)
class Story:
    """A place reported on by a run of articles, with its hidden true trajectory."""

    place: str
    start: date
    deaths_per_day: float
    fled_per_day: float
    peak_displaced: int
    index: int = 0  # position of the next article

    def publication(self, rng: random.Random) -> tuple[date, date]:
        """The publication interval of the story's next article (see next_article)."""
        earliest = self.start + timedelta(days=GAP_DAYS * (self.index + 1) + rng.randrange(10))
        return earliest, earliest + timedelta(days=rng.choice((0, 0, 1)))

    def days(self, b) -> int:
        return (b.earliest - self.start).days


def new_story(rng: random.Random, names: set[str], index: int) -> Story:
    """A story at a new place, starting some time in 2022-2024."""
    probe = s.ArticleBuilder(rng, f"story{index}", names)
    return Story(
        place=probe.place(),
        start=date(2022, 3, 1) + timedelta(days=rng.randrange(900)),
        deaths_per_day=rng.uniform(0.5, 12),
        fled_per_day=rng.uniform(50, 3000),
        peak_displaced=rng.randrange(20, 600) * 1000,
    )


def _since(story: Story) -> s.Period:
    text = f"since {s.MONTHS[story.start.month - 1]} {story.start.year}"
    return s.Period(text, f"{story.start.year}-{story.start.month:02d}", "", "stated")


def _hedged(b, true: float, noun: str) -> s.Value:
    """A hedge that contains the true value: about, more than, at least, or exact."""
    rng = b.rng
    q = rng.choice(("approximately", "more_than", "at_least", "exact"))
    if q == "approximately":
        v = round(true, -2) if true >= 1000 else round(true)
        text = s._spell(int(v), "commas")
        return s.Value(f"about {text} {noun}", q, best=int(v), core=text)
    v = int(true * rng.uniform(0.8, 0.97)) if q != "exact" else round(true)
    text = s._spell(max(v, 1), "commas")
    if q == "exact":
        return s.Value(f"{text} {noun}", q, low=v, best=v, high=v, core=text)
    hedge = "more than" if q == "more_than" else "at least"
    return s.Value(f"{hedge} {text} {noun}", q, low=max(v, 1), core=text)


def _period(b, story: Story) -> s.Period:
    p = _since(story)
    return s.Period(p.text, p.start, b.latest.isoformat(), p.basis)


def t_story_toll(b) -> s.Draft:
    story, src = b.story, s._lead(b, attributed=True)
    b.used.add("t_story_rival_tolls")
    value = _hedged(b, max(1.0, story.deaths_per_day * story.days(b)), "people")
    period = _period(b, story)
    d = s.Draft(
        s._sentence(src[3], f"{value.text} have been killed around {story.place} {period.text}.")
    )
    subject = b.subject("combat_deaths", story.place)
    b.claim(d, value, subject, "killed", "people", src, period=period)
    return d


def t_story_fled(b) -> s.Draft:
    story, src = b.story, s._lead(b, attributed=True)
    value = _hedged(b, max(1.0, story.fled_per_day * story.days(b)), "residents")
    period = _period(b, story)
    d = s.Draft(s._sentence(src[3], f"{value.text} have fled {story.place} {period.text}."))
    subject = b.subject("residents_fled", story.place, population="left_area", location=story.place)
    b.claim(d, value, subject, "displaced", "people", src, period=period)
    return d


def t_story_remaining(b) -> s.Draft:
    story, src = b.story, s._lead(b, attributed=True)
    rise = min(1.0, story.days(b) / (GAP_DAYS * 2))  # rises for two articles, then falls
    fall = max(0.3, 1 - 0.15 * max(0, story.index - 2))
    value = _hedged(b, story.peak_displaced * rise * fall, "people")
    d = s.Draft(
        s._sentence(src[3], f"{value.text} remain displaced from the area around {story.place}.")
    )
    subject = b.subject(
        "displaced_from", story.place, population="internally_displaced", location=story.place
    )
    b.claim(d, value, subject, "remain_displaced", "people", src)
    return d


def t_story_rival_tolls(b) -> s.Draft:
    """Two parties to the war give the toll at the same date, far apart: a conflict."""
    story = b.story
    b.used.add("t_story_toll")  # the toll subject speaks once per article
    true = max(10.0, story.deaths_per_day * story.days(b))
    high = int(true * b.rng.uniform(2.5, 4))
    low = max(1, int(true * b.rng.uniform(0.1, 0.3)))
    high_text, low_text = s._spell(high, "commas"), s._spell(low, "commas")
    period = _period(b, story)
    ua, ru = s.SOURCES[1], s.SOURCES[2]
    d = s.Draft(
        f"{ua[3]}{high_text} invading troops have been killed around {story.place} "
        f"{period.text}, while {ru[0]} put the figure at about {low_text}."
    )
    subject = b.subject("combat_deaths", story.place)
    inflated = s.Value(f"{high_text} invading troops", "exact", high, high, high, core=high_text)
    deflated = s.Value(f"about {low_text}", "approximately", best=low, core=low_text)
    b.claim(d, inflated, subject, "killed", "people", ua, period=period)
    b.claim(d, deflated, subject, "killed", "people", ru, period=period)
    return d


# (claims, weight, template): one use each per article (a subject speaks once per article)
STORY_TEMPLATES = (
    (2, 1, t_story_rival_tolls),
    (1, 4, t_story_toll),
    (1, 3, t_story_fled),
    (1, 3, t_story_remaining),
)
