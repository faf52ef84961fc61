"""Unit tests of the drafting rules, one class per rule module (analysis/drafting)."""

from datetime import date

import pytest

from analysis.drafting import (
    attribution,
    dating,
    draft,
    hedges,
    measures,
    mentions,
    subjects,
    text,
    timeline,
)
from analysis.language.dates import DateInterval
from analysis.language.numbers import find_mentions

WINTER = DateInterval(date(2025, 1, 15), date(2025, 2, 28), "interval")
THURSDAY = DateInterval(date(2025, 1, 9), date(2025, 1, 9), "day")


class TestText:
    def test_sentences_keep_abbreviations_and_spans(self):
        body = (
            "Headline without a stop\n\nKYIV, Feb 10 (Wire) – U.S. officials said 3 died. "
            "Gen. Smith left."
        )
        found = text.sentences(body)
        assert [s.headline for s in found] == [True, False, False]
        assert found[1].text.endswith("3 died.")
        assert all(body[s.start : s.end] == s.text for s in found)

    def test_dateline_gives_outlet_day_and_year(self):
        body = "Title\n\nSEOUL, March 12, 2025 (Fixture Wire) – North Korea sent troops."
        dl = text.find_dateline(body)
        assert (dl.day, dl.year, dl.outlet) == (12, 2025, "Fixture Wire")
        assert text.find_dateline("No dateline here. None at all.") is None

    def test_title_is_headline_or_descriptive(self):
        assert text.title_of("A headline\n\nBody.")[0] == "A headline"
        assert (
            text.title_of("Troops were withdrawn after heavy losses, officials said.")[0][0] == "["
        )

    def test_unique_part_grows_until_unique(self):
        quote = "out of some 11,000 troops, 1,000 have been killed"
        at = quote.index("1,000 have")
        assert text.unique_part(quote, at, at + 5) == "1,000 have"


class TestMentions:
    def groups(self, body):
        return mentions.group(body, find_mentions(body))

    def test_ranges_join_two_numbers(self):
        body = "between 250 and 300 families, and 60,000 to 70,000 killed, and 4 and 5 more"
        forms = [(g.form, [m.value for m in g.mentions]) for g in self.groups(body)]
        assert forms[0] == ("range", [250, 300])
        assert forms[1] == ("range", [60000, 70000])
        assert ("single", [4]) in forms  # "4 and 5" without "between" is two figures

    @pytest.mark.parametrize(
        ("body", "reason"),
        [
            ("the eight-year-old daughter", "age"),
            ("couples between the ages of 61 and 74", "age"),
            ("Kim Jong Un, 41, has not commented", "age"),
            ("as one of the most affected areas", "idiom"),
            ("may not be a permanent one", "idiom"),
            ("According to a 2020 report, trade grew", "source_date"),
            ("divided into three branches", "structure"),
            ("People leave with one bag", "idiom"),
            ("struck two districts of the city", "structure"),
            ("debris fell on homes in four Russian districts", "structure"),
            ("a five-storey apartment block", "structure"),
            ("most of the evacuees are over 60, he added", "age"),
            ("A nurse, 27, who was wounded", "age"),
            ("Hits were recorded at 33 locations across the country", "structure"),
            ("bringing down two of its entrances", "structure"),
            ("they share a two-room flat", "structure"),
        ],
    )
    def test_non_figures(self, body, reason):
        g = self.groups(body)[0]
        assert mentions.exclusion(body, g, 0)[0] == reason

    @pytest.mark.parametrize(
        "body",
        [
            "killed 13 people",
            "wounded one civilian",
            "81 drones",
            "were over 60 civilians",
            "a 2,000-strong force",
            "two of its passengers were among the dead",
        ],
    )
    def test_figures_are_not_excluded(self, body):
        assert mentions.exclusion(body, self.groups(body)[0], 0) is None

    def test_part_joins(self):
        body = "the downing of 37 out of 81 launched drones"
        a, b = self.groups(body)
        assert mentions.part_of_join(body, a, b)


class TestHedges:
    @pytest.mark.parametrize(
        ("before", "qualifier"),
        [
            ("some ", "approximately"),
            ("Roughly a ", "approximately"),
            ("more than ", "more_than"),
            ("over ", "more_than"),
            ("at least ", "at_least"),
            ("up to ", "up_to"),
            ("no more than ", "at_most"),
            ("killed ", "exact"),
        ],
    )
    def test_hedge_before(self, before, qualifier):
        sentence = before + "11,000 troops"
        assert hedges.hedge_before(sentence, len(before)).qualifier == qualifier

    def test_a_hedge_reaches_an_elliptic_second_number(self):
        assert hedges.elliptic(" civilians were killed and ", " injured in Ukraine")
        assert not hedges.elliptic(" civilians were killed and ", " people were injured")
        assert not hedges.elliptic(", and ", " injured")

    def test_bounds_keep_one_sided_bounds_one_sided(self):
        assert hedges.bounds("more_than", 13e6) == {"low": "13000000", "best": "", "high": ""}
        assert hedges.bounds("up_to", 150) == {"low": "", "best": "", "high": "150"}
        assert hedges.bounds("range", 250, 300) == {"low": "250", "best": "", "high": "300"}
        assert hedges.fmt(1 / 3) == "0.3333333333333333"


class TestMeasures:
    def measure(self, body, number):
        start = body.index(number)
        end = start + len(number)
        unit, _ = measures.unit_after(body, end)
        chosen = measures.choose(measures.cues_near(body, start, end, 0, len(body)), unit)
        return unit, chosen[0] if chosen else None

    @pytest.mark.parametrize(
        ("body", "number", "expected"),
        [
            ("some 11,000 troops sent from North Korea", "11,000", ("people", "deployed")),
            ("1,000 have been killed in just three months", "1,000", ("people", "killed")),
            ("850,000 troops killed or wounded since", "850,000", ("people", "casualties")),
            ("the recovery of nine bodies from the ruins", "nine", ("people", "killed")),
            ("alongside 13 reported injuries", "13", ("people", "wounded")),
            ("81 launched drones", "81", ("drones", "launched")),
            ("shot down 84 of the drones", "84", ("drones", "downed")),
            ("over 13 million people have been displaced", "13 million", ("people", "displaced")),
            (
                "3.6 million people remain internally displaced",
                "3.6 million",
                ("people", "remain_displaced"),
            ),
            ("the 1000+ square kilometers they initially lost", "1000+", ("km2", "area")),
            ("trade increased by 20% in 2019", "20%", ("percent", "percent_change")),
            ("about 80% of its pre-war population", "80%", ("percent", "share")),
            ("the search operation after 19 hours", "19", ("hours", "duration")),
            ("killing three people and wounding 21", "three", ("people", "killed")),
            ("killing three people and wounding 21", "21", ("people", "wounded")),
            ("bringing the death toll to four", "four", ("people", "killed")),
            ("the toll rose to 40", "40", ("people", "casualties")),
            (
                "3.5 million people remained displaced",
                "3.5 million",
                ("people", "remain_displaced"),
            ),
            ("2,000 residents had left the town", "2,000", ("people", "displaced")),
            ("left up to 40% of households without power", "40%", ("percent", "share")),
            ("exports were up 38% in 2024", "38%", ("percent", "percent_change")),
            ("11,000 people have left the front-line districts", "11,000", ("people", "displaced")),
        ],
    )
    def test_measure_and_unit(self, body, number, expected):
        assert self.measure(body, number) == expected

    def test_a_measure_must_allow_the_unit(self):
        assert not measures.allowed("casualties", "km2")
        assert measures.allowed("downed", "drones")

    def test_no_cue_no_measure(self):
        assert self.measure("The figure was 12 in all", "12") == ("people", None)


class TestAttribution:
    @pytest.mark.parametrize(
        ("sentence", "claimant", "relay"),
        [
            ("According to Western officials, 1,000 have been killed.", "Western officials", ""),
            (
                "Troops left, according to The New York Times, which cited Ukrainian and U.S. "
                "officials speaking on condition of anonymity.",
                "Ukrainian and U.S. officials",
                "The New York Times",
            ),
            ("Four died, regional governor Oleh Syniehubov said.", "Oleh Syniehubov", ""),
            (
                "Human rights commissioner Tatyana Moskalkova said 130,000 had been evacuated.",
                "Tatyana Moskalkova",
                "",
            ),  # a commissioner's title is dropped like a governor's
            (
                "A 2024 survey by the Norwegian Refugee Council, an aid group, found that nearly "
                "half had moved.",
                "A 2024 survey by the Norwegian Refugee Council",
                "",
            ),  # "found that" reports; a long name before its apposition
            ("Two were killed, said Serhiy Lysak, head of the administration.", "Serhiy Lysak", ""),
            ("with Ukraine reporting the downing of 37 drones.", "Ukraine", ""),
            ("Reports indicated the death of one civilian.", "Unnamed reports", ""),
            (
                "About 3,700 fled, the UNHCR said, citing local authorities.",
                "Local authorities",
                "The UNHCR",
            ),
            ("3.6 million remain, according to the IOM, which cited its survey.", "The IOM", ""),
            (
                "Mediazona, an independent Russian outlet, said it had confirmed 95,000.",
                "Mediazona",
                "",
            ),
        ],
    )
    def test_explicit_sources(self, sentence, claimant, relay):
        src = attribution.explicit_source(sentence, [])
        assert (src.claimant, src.relayed_by) == (claimant, relay)

    def test_pronouns_and_descriptions_take_an_earlier_claimant(self):
        earlier = attribution.explicit_source("Ukraine's air force said 120 drones came.", [])
        src = attribution.explicit_source("Another 31 were jammed, the air force said.", [earlier])
        assert src.claimant == "Ukraine's air force"
        nis = attribution.explicit_source(
            "South Korea’s National Intelligence Service (NIS) told lawmakers that 10 came.", []
        )
        assert nis.claimant == "South Korea’s National Intelligence Service"
        again = attribution.explicit_source("3,000 were killed or wounded, the NIS said.", [nis])
        assert again.claimant == nis.claimant

    def test_no_attribution_is_carried_or_unattributed(self):
        assert attribution.explicit_source("The KPA has 1.2 million active personnel.", []) is None
        assert attribution.carried(None).claimant == attribution.UNATTRIBUTED

    @pytest.mark.parametrize(
        ("words", "expected"),
        [
            ("Ukrainian and U.S. officials", ("mixed", "ukraine")),
            ("UN estimates", ("international_organisation", "none")),
            ("Russia’s Investigative Committee", ("party_to_conflict", "russia")),
            ("regional governor Oleh Syniehubov", ("party_to_conflict", "ukraine")),
            ("Western officials", ("third_country", "none")),
            ("Reuters", ("media", "none")),
            ("Unattributed (article text)", ("unknown", "none")),
        ],
    )
    def test_kind(self, words, expected):
        assert attribution.kind(words)[:2] == expected

    def test_verification(self):
        assert attribution.verification("22 executed.", "This lacks independent verification.")[
            0
        ] == ("unverified")
        assert attribution.verification("850,000, it said; Moscow dismissed the figure.", "")[
            0
        ] == ("disputed")
        assert attribution.verification("Nine died.", "Police came.")[0] == "reported"


class TestDating:
    def read(self, sentence, published=WINTER):
        return [
            (p.text, p.interval and dating.partial(p.interval), p.basis)
            for p in dating.find(sentence, 0, len(sentence), published)
        ]

    def test_phrases_are_read_by_the_grammar(self):
        assert self.read("1,000 have been killed in just three months.") == [
            ("in just three months", ("2024-10-15", "2025-02-28"), "resolved_from_publication")
        ]
        assert self.read("sent to Russia last November") == [
            ("last November", ("2024-11", "2024-11"), "resolved_from_publication")
        ]
        assert self.read("signed in 1961") == [("in 1961", ("1961", "1961"), "stated")]

    def test_durations_a_claim_counts_are_not_periods(self):
        assert self.read("the search ended after 19 hours") == []

    def test_without_publication_the_phrase_stays_undated(self):
        assert self.read("in just three months", None) == [
            ("in just three months", None, "resolved_from_publication")
        ]

    def test_a_weekday_is_read_by_the_grammar(self):
        assert self.read("a strike on Wednesday", THURSDAY) == [
            ("on Wednesday", ("2025-01-08", "2025-01-08"), "resolved_from_publication")
        ]
        (p,) = dating.find("a strike on Wednesday", 0, 21, THURSDAY)
        assert p.day and not p.duration

    def test_a_night_runs_into_the_next_morning_but_not_past_publication(self):
        friday = DateInterval(date(2025, 5, 2), date(2025, 5, 2), "day")
        assert self.read("drones on Thursday night", friday) == [
            ("on Thursday night", ("2025-05-01", "2025-05-02"), "resolved_from_publication")
        ]
        assert self.read("shelling on Friday night", friday) == [
            ("on Friday night", ("2025-05-02", "2025-05-02"), "resolved_from_publication")
        ]
        assert self.read("on Thursday evening", friday)[0][1] == ("2025-05-01", "2025-05-01")

    @pytest.mark.parametrize(
        ("sentence", "words", "dates"),
        [
            ("captured 174 square kilometres in April", "in April", ("2025-04", "2025-04")),
            ("since the start of May", "since the start of May", ("2025-05-01", "2025-06-05")),
            ("over the past week", "over the past week", ("2025-05-29", "2025-06-05")),
            ("ended in 2022.", "in 2022", ("2022", "2022")),
            ("by late February", "by late February", ("", "2025-02-28")),
            ("since Sept. 2024", "since Sept. 2024", ("2024-09-01", "2025-06-05")),
        ],
    )
    def test_what_the_grammar_reads_is_found(self, sentence, words, dates):
        june = DateInterval(date(2025, 6, 5), date(2025, 6, 5), "day")
        assert [(w, d) for w, d, _ in self.read(sentence, june)] == [(words, dates)]

    def test_the_first_or_last_months_of_a_year_are_one_stated_period(self):
        found = dating.find("in the first six months of 2025", 0, 31, THURSDAY)
        assert [(p.text, p.interval.earliest, p.interval.latest) for p in found][0] == (
            "in the first six months of 2025",
            date(2025, 1, 1),
            date(2025, 6, 30),
        )
        d = draft.draft_text(
            "KYIV, Jan 9 (Fixture Wire) – The mission said 1,674 civilians had been killed in the "
            "first six months of 2024 and 20 in the last two months of 2024.\n",
            "t01",
            THURSDAY,
        )
        assert [(c.cells["period_start"], c.cells["period_end"]) for c in d.claims] == [
            ("2024-01-01", "2024-06-30"),
            ("2024-11-01", "2024-12-31"),
        ]
        assert d.events == []  # the year is part of the period, not an event

    def test_words_that_only_look_like_dates_are_not_found(self):
        assert self.read("Russia may launch more", THURSDAY) == []
        assert self.read("the fall of the town", THURSDAY) == []
        assert self.read("a 2,000-strong force", THURSDAY) == []


class TestFigures:
    def claims(self, body: str) -> list[dict]:
        return [r.cells for r in draft.draft_text(body, "t01", THURSDAY).claims]

    def test_a_fraction_of_the_evacuees_is_a_share_of_the_figure_counting_them(self):
        c = self.claims(
            "KYIV, Jan 9 (Fixture Wire) – Officials evacuated more than 1,800 people, including "
            "310 children. About a third of the evacuees are elderly, officials said.\n"
        )
        assert (c[2]["value_text"], c[2]["relative_to"], c[2]["fraction"]) == (
            "About a third",
            c[0]["claim_id"],
            "0.3333333333333333",
        )  # the whole, not its part (the 310 children)
        assert c[2]["measure"] == "evacuated"

    def test_them_is_not_a_figure_given_for_comparison(self):
        c = self.claims(
            "GENEVA, Jan 9 (Fixture Wire) – About 3.5 million people remained displaced in "
            "December, down from 3.7 million in June, the agency said. Roughly a quarter of "
            "them are children.\n"
        )
        assert c[1]["measure"] == "remain_displaced"  # "down from N": the measure compared
        assert c[2]["relative_to"] == c[0]["claim_id"]

    def test_a_part_out_of_a_whole_takes_the_verb_after_the_whole(self):
        c = self.claims(
            "SEOUL, Jan 9 (Fixture Wire) – About 4,700 out of the 11,000 soldiers in the first "
            "contingent had been killed or wounded, it said. Ukraine shot down 86 out of 104 "
            "drones that Russia launched.\n"
        )
        assert [x["measure"] for x in c] == ["casualties", "deployed", "downed", "launched"]

    def test_an_opening_or_a_total_gives_the_measure(self):
        c = self.claims(
            "GENEVA, Jan 9 (Fixture Wire) – Of the health workers killed, 31 were medics. "
            "North Korea sent 3,000 more troops, bringing the total to about 15,000.\n"
        )
        assert [x["measure"] for x in c] == ["killed", "deployed", "deployed"]

    def test_a_fraction_of_a_named_whole_or_of_no_whole(self):
        c = self.claims(
            "SEOUL, Jan 9 (Fixture Wire) – Some 11,000 soldiers in the first contingent were "
            "sent. Later 12,000 more were sent. A third of the first contingent were special "
            "forces, officials said.\n\nAbout half of the residents have already gone.\n"
        )
        assert (c[2]["relative_to"], c[2]["measure"]) == (c[0]["claim_id"], "deployed")
        share = (c[3]["measure"], c[3]["unit"], c[3]["qualifier"], c[3]["best"])
        assert share == ("share", "fraction", "approximately", "0.5")
        assert "fraction" not in c[3]

    def test_a_year_in_a_time_phrase_does_not_cut_the_clause_of_a_measure(self):
        c = self.claims(
            "KYIV, Jan 9 (Fixture Wire) – Russia had lost 1,040 troops over the past day, "
            "bringing its losses since February 2022 to some 1.16 million, the staff said.\n"
        )
        assert [x["measure"] for x in c] == ["casualties", "casualties"]

    def test_a_per_cent_of_the_n_is_a_share_of_n(self):
        c = self.claims(
            "KHARKIV, Jan 9 (Fixture Wire) – 40 per cent of the 2,500 people evacuated since "
            "August were children, the governor said.\n"
        )
        share, whole = c
        assert (share["relative_to"], share["part_of"], share["fraction"]) == (
            whole["claim_id"],
            whole["claim_id"],
            "0.4",
        )
        assert (share["unit"], share["measure"]) == ("people", "evacuated")
        assert not any(share.get(x) for x in ("low", "best", "high"))

    def test_a_fraction_of_a_whole_in_another_paragraph_needs_the_wholes_own_words(self):
        c = self.claims(
            "GENEVA, Jan 9 (Fixture Wire) – About 3.5 million people were displaced in June, the "
            "agency said.\n\nA survey found that nearly half of the displaced families in the "
            "region had moved more than once.\n"
        )
        share = (c[1]["measure"], c[1]["unit"], c[1]["qualifier"], c[1]["high"])
        assert share == ("share", "fraction", "at_most", "0.5")
        assert "relative_to" not in c[1]

    def test_including_a_hedged_number_is_a_part(self):
        c = self.claims(
            "GENEVA, Jan 9 (Fixture Wire) – 5.1 million refugees were recorded in Europe, "
            "including almost 1 million in Germany, the agency said.\n"
        )
        assert (c[1]["part_of"], c[1]["measure"]) == (c[0]["claim_id"], "remain_displaced")


class TestTimeline:
    def drafted(self, body: str):
        d = draft.draft_text(body, "t01", THURSDAY)
        periods = [(r.cells["value_text"], r.cells.get("period_text", "")) for r in d.claims]
        return periods, [(r.cells["date_text"], r.cells["date_start"]) for r in d.events]

    def test_the_day_of_what_figures_count_is_an_event_not_a_period(self):
        periods, events = self.drafted(
            "ZAPORIZHZHIA, Ukraine, Jan 9 (Fixture Wire) – A strike killed 13 people on "
            "Wednesday, regional governor Ivan Fedorov said.\n"
        )
        assert periods == [("13", "")]
        assert events == [("on Wednesday", "2025-01-08")]

    def test_a_statements_date_is_neither_period_nor_event(self):
        periods, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – President Volodymyr Zelensky said in December that "
            "46,000 soldiers had been killed. The air force said on Wednesday it downed 40 "
            "drones.\n"
        )
        assert periods == [("46,000", ""), ("40", "")]
        assert events == []

    def test_the_counted_noun_belongs_to_the_figure_when_measuring_its_period(self):
        periods, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – The ministry had evacuated some 2,600 patients from "
            "hospitals near the front line in the past three months, it said.\n"
        )
        assert periods == [("some 2,600", "in the past three months")]
        assert events == []

    def test_a_period_with_only_an_end_leaves_its_dates_to_the_analyst(self):
        d = draft.draft_text(
            "SEOUL, Jan 9 (Fixture Wire) – Some 4,000 had been killed by late December, it said.\n",
            "t01",
            THURSDAY,
        )
        row = d.claims[0]
        assert (row.cells["period_text"], row.cells["period_basis"]) == ("by late December", "none")
        assert "period_start" not in row.cells and "period_end" not in row.cells

    def test_the_datelines_date_is_the_articles_own(self):
        periods, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – About 300 fled, officials said.\n"
        )
        assert periods == [("About 300", "")]
        assert events == []

    def test_a_day_dates_an_event_only_next_to_a_harm(self):
        periods, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – Twelve of the wounded remained in hospital on "
            "Wednesday evening, the governor said later on Wednesday.\n"
        )
        assert events == []

    def test_since_a_bare_date_is_a_period_and_since_when_dates_an_event(self):
        periods, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – It was the ninth attack on the grid since the start of "
            "December.\n\nMore than 8,000 civilians have been evacuated since August, when "
            "Russian troops reached the town.\n"
        )
        assert periods == [("More than 8,000", "since August")]
        assert events == [("August", "2024-08")]

    def test_a_date_after_a_happening_dates_it(self):
        periods, events = self.drafted(
            "KHARKIV, Jan 9 (Fixture Wire) – About 1.1 million have returned since the shelling "
            "ended in 2022, about 80% of the pre-war population, officials said.\n"
        )
        assert ("about 80%", "") in periods
        assert events == [("in 2022", "2022")]


class TestSubjects:
    KNOWN = [
        subjects.Subject(
            "nk_troops_in_russia",
            "North Korean troops sent to Russia",
            "North Korean soldiers deployed to Russia to fight in the Kursk region",
        )
    ]

    def test_match_on_shared_words(self):
        sentence = "Half of the 12,000 North Korean soldiers sent to Russia were lost."
        hit = subjects.match("North Korean soldiers", sentence, self.KNOWN)
        assert hit[0].subject_id == "nk_troops_in_russia"

    def test_propose_a_new_id_not_taken(self):
        new = subjects.propose(
            "civilians", "Nine civilians died in Sumy.", "killed", {"civilians_sumy"}
        )
        assert new.subject_id == "civilians_sumy_2"
        assert new.description.startswith(subjects.DRAFTED)

    LIVE = [
        subjects.Subject(
            "drones_russian_attack",
            "Russian drones in one attack",
            "Drones Russia launched at Ukraine in the attack Ukraine reported",
        ),
        subjects.Subject(
            "civilians_sumy_strike",
            "Civilians in the Sumy strike",
            "Civilians hit by the Russian drone attack on the city of Sumy",
        ),
    ]

    def test_the_parties_names_alone_make_no_match(self):
        sentence = (
            "A Russian drone struck a crowded market in Kherson, Ukraine, on Tuesday, "
            "killing seven people, the governor said."
        )
        assert subjects.match("people", sentence, self.LIVE) is None

    def test_a_subject_that_names_a_place_matches_only_a_sentence_that_names_it(self):
        kherson = "Drones have hit 140 civilians in the Kherson region this year."
        sumy = "A Russian drone attack on Sumy killed nine civilians, police said."
        # three words shared with the Sumy subject's description, but not its place
        assert subjects.match("civilians hit by drones", kherson, self.LIVE) is None
        assert subjects.match("civilians", sumy, self.LIVE)[0].subject_id == (
            "civilians_sumy_strike"
        )

    def test_a_proposed_label_carries_its_ids_number(self):
        first = subjects.propose("wounded", "He said so.", "wounded", set())
        second = subjects.propose(
            "wounded", "He said so.", "wounded", {first.subject_id}, {first.label}
        )
        assert (first.subject_id, first.label) == ("wounded", "Wounded")
        assert (second.subject_id, second.label) == ("wounded_2", "Wounded 2")


class TestHeadline:
    def test_each_headline_number_restates_a_figure_or_rounds_it_under_a_hedge(self):
        d = draft.draft_text(
            "Russia fires nearly 600 drones, killing at least 14 and 3 more\n\n"
            "KYIV, Jan 9 (Fixture Wire) – Russia launched 598 drones at Ukraine, the air force "
            "said. At least 14 people were killed, officials said.\n",
            "t01",
            THURSDAY,
        )
        restates = {r.cells["mention"]: r.cells["refers_to"] for r in d.exclusions
                    if r.cells["reason"] == "restates"}  # fmt: skip
        assert restates == {"600": "t01-c01", "14": "t01-c02"}
        assert [c.cells["value_text"] for c in d.claims] == ["598", "At least 14", "3"]

    def test_a_rounded_number_needs_a_hedge_and_the_same_unit(self):
        assert draft._rounds_to(598, 600) and draft._rounds_to(3_680_000, 3_700_000)
        assert not draft._rounds_to(598, 598) and not draft._rounds_to(14, 10)
        d = draft.draft_text(
            "Russia fires 600 drones\n\nKYIV, Jan 9 (Fixture Wire) – Russia launched 598 drones "
            "at Ukraine, the air force said.\n",
            "t01",
            THURSDAY,
        )
        assert [c.cells["value_text"] for c in d.claims] == ["598", "600"]


class TestTimesOfDay:
    def drafted(self, body: str):
        d = draft.draft_text(body, "t01", THURSDAY)
        return d, [(r.cells["date_text"], r.cells["date_start"], r.cells["date_end"])
                   for r in d.events]  # fmt: skip

    def test_a_clock_time_is_the_day_of_publication_not_a_figure(self):
        d, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – A missile struck a block at about 4:15 a.m., "
            "killing three people, officials said.\n"
        )
        assert [c.cells["value_text"] for c in d.claims] == ["three"]
        assert events == [("at about 4:15 a.m.", "2025-01-09", "2025-01-09")]

    def test_a_clock_time_after_a_day_is_part_of_its_phrase(self):
        found = dating.find("shelled on Wednesday at 9 p.m.", 0, 31, THURSDAY)
        assert [(p.text, p.day) for p in found] == [("on Wednesday at 9 p.m.", True)]

    def test_overnight_is_one_event_and_never_a_period(self):
        d, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – Russian drones killed four people overnight, the "
            "governor said.\n\nThe air force said it shot down 69 out of 86 drones Russia "
            "launched overnight. Russia said it destroyed 40 drones overnight.\n"
        )
        assert events == [("overnight", "2025-01-08", "2025-01-09")]
        assert all(not c.cells.get("period_text") for c in d.claims)

    def test_a_day_in_a_relative_clause_on_the_counted_noun_is_no_event(self):
        _, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – Ukraine shot down 86 out of 104 drones that Russia "
            "launched overnight, the air force said.\n"
        )
        assert events == []

    def test_a_day_opening_a_harm_or_next_to_a_downing_is_an_event(self):
        _, events = self.drafted(
            "KYIV, Jan 9 (Fixture Wire) – Officials spoke.\n\nOn Sunday, a drone hit a bus and "
            "wounded nine people, prosecutors said. Air defences destroyed 221 drones over 12 "
            "regions on Tuesday night, the ministry said.\n"
        )
        assert events == [
            ("On Sunday", "2025-01-05", "2025-01-05"),
            ("on Tuesday night", "2025-01-07", "2025-01-08"),
        ]


class TestLeaving:
    def claims(self, body: str) -> list[dict]:
        return [r.cells for r in draft.draft_text(body, "t01", THURSDAY).claims]

    def test_people_who_left_towns_are_displaced_and_their_share_too(self):
        c = self.claims(
            "GENEVA, Jan 9 (Fixture Wire) – In the past week, 2,000-3,000 people left front-line "
            "towns and villages, the agency said. About a quarter of those who left were "
            "children, it said.\n"
        )
        assert [x["measure"] for x in c] == ["displaced", "displaced"]
        assert c[1]["relative_to"] == c[0]["claim_id"]

    def test_a_subject_that_states_a_number_is_not_the_claimant_of_it_said(self):
        c = self.claims(
            "GENEVA, Jan 9 (Fixture Wire) – About 2,000 people fled, the agency said. About a "
            "quarter of those who left were children, it said.\n"
        )
        assert "quarter" not in c[1]["claimant"]
        assert measures.named_in("left front-line towns") == ["displaced"]
        assert measures.named_in("left their homes") == ["displaced"]


class TestPrisoners:
    def test_handed_over_is_a_particle_not_a_hedge(self):
        assert hedges.hedge_before("each handed over 84", 16).qualifier == "exact"
        assert hedges.hedge_before("killing over 84", 13).qualifier == "more_than"

    def test_prisoners_are_no_figure_and_their_exchange_day_is_an_event(self):
        d = draft.draft_text(
            "KYIV, Jan 9 (Fixture Wire) – Officials spoke.\n\nUkraine and Russia each handed over "
            "84 prisoners of war on Wednesday in an exchange mediated by the UAE, both sides "
            "said.\n",
            "t01",
            THURSDAY,
        )
        assert d.claims == []
        assert [(x.cells["mention"], x.cells["reason"]) for x in d.exclusions][-1] == (
            "84",
            "structure",
        )
        assert [(e.cells["date_text"], e.cells["category"]) for e in d.events] == [
            ("on Wednesday", "alliance")
        ]


def test_an_event_label_leaves_the_dateline_out():
    d = draft.draft_text(
        "KHERSON, Ukraine, March 4 (My Wire) - A Russian drone struck a market on Tuesday "
        "morning, killing seven people, the governor said.\n",
        "t02",
        THURSDAY,
    )
    labels = [e.cells["label"] for e in d.events]
    assert labels == ["A Russian drone struck a market"], labels


def test_a_figure_of_no_one_in_particular_takes_its_sentences_subject():
    d = draft.draft_text(
        "ODESA, Jan 9 (Fixture Wire) – Russian drones struck the port overnight, killing two "
        "dock workers and injuring five others, the governor said.\n",
        "t03",
        THURSDAY,
    )
    killed, wounded = d.claims
    assert (killed.cells["measure"], wounded.cells["measure"]) == ("killed", "wounded")
    assert wounded.cells["subject_id"] == killed.cells["subject_id"]
    assert ("subject_id", "the subject of the sentence's figure before", "medium") in wounded.why


def test_a_proposed_subject_is_named_for_a_place_not_a_party_day_or_dateline():
    new = subjects.propose(
        "civilians",
        "KHERSON, Ukraine, March 4 (My Wire) - On Tuesday Russian shelling killed 140 "
        "civilians in the Kherson region.",
        "killed",
        set(),
    )
    assert (new.subject_id, new.label) == ("civilians_kherson", "Civilians (Kherson)")


def test_an_event_label_is_what_happened_not_the_phrase_that_opens_the_sentence():
    assert (
        timeline._label(
            "On Sunday, a Russian drone hit a bus carrying evacuees near Kupiansk and wounded "
            "nine people, the prosecutor's office said.",
            "On Sunday",
        )
        == "A Russian drone hit a bus carrying evacuees near Kupiansk"
    )
    assert (
        timeline._label(
            "Between 25,000 and 30,000 soldiers have been killed in the summer of 2024, it said.",
            "in the summer of 2024",
        )
        == "Between 25,000 and 30,000 soldiers have been killed"
    )


def test_only_one_events_harmed_people_share_a_subject():
    d = draft.draft_text(
        "KYIV, Jan 9 (Fixture Wire) – Russia fired 40 missiles at Kyiv, killing 5, officials "
        "said.\n",
        "t04",
        THURSDAY,
    )
    missiles, killed = d.claims
    assert (missiles.cells["measure"], killed.cells["measure"]) == ("launched", "killed")
    assert missiles.cells["subject_id"] != killed.cells["subject_id"]


def test_an_event_label_skips_a_reporting_clause_before_the_date():
    assert (
        timeline._label(
            "The air force said that on Tuesday Russia launched 80 drones at Kyiv, killing two.",
            "on Tuesday",
        )
        == "Russia launched 80 drones at Kyiv"
    )
    assert (
        timeline._label(
            "Police said that overnight a drone struck a block of flats in Odesa.", "overnight"
        )
        == "A drone struck a block of flats in Odesa"
    )


def test_a_day_after_a_clause_of_its_own_is_an_event():
    d = draft.draft_text(
        "KYIV, Jan 9 (Fixture Wire) – Officials evacuated 300 residents after Russia shelled "
        "the town on Monday, the governor said.\n",
        "t05",
        THURSDAY,
    )
    assert [e.cells["date_text"] for e in d.events] == ["on Monday"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("korea", "korean", True),
        ("iran", "iranian", True),
        ("germany", "german", True),
        ("belarus", "belarusian", True),
        ("ukraine", "ukrainian", True),
        ("sumy", "sums", False),
        ("port", "portugal", False),
    ],
)
def test_a_place_and_its_peoples_adjective_are_one_word(a, b, same):
    assert subjects.same_place(a, b) is same


def test_a_hyphenated_adjective_is_not_a_place():
    new = subjects.propose(
        "drones", "Ukraine downed 37 Iranian-designed drones over Kharkiv.", "downed", set()
    )
    assert new.label == "Drones (Kharkiv)"


def test_a_taken_label_gives_both_id_and_label_the_same_number():
    new = subjects.propose("wounded", "He said so.", "wounded", set(), {"Wounded"})
    assert (new.subject_id, new.label) == ("wounded_2", "Wounded 2")


def test_the_killed_of_a_force_counted_just_before_are_that_force():
    d = draft.draft_text(
        "According to Western officials, out of some 11,000 troops sent from North Korea to "
        "fight for Russia, 1,000 have been killed in just three months.\n",
        "t06",
        THURSDAY,
    )
    troops, killed = d.claims
    assert (troops.cells["measure"], killed.cells["measure"]) == ("deployed", "killed")
    assert killed.cells["subject_id"] == troops.cells["subject_id"]
