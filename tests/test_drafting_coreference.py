"""Who a figure is attributed to: coreference, relay chains, reach and carry-over (drafting)."""

from datetime import date

import pytest

from analysis.drafting import attribution, coreference, draft
from analysis.language.dates import DateInterval

THURSDAY = DateInterval(date(2025, 1, 9), date(2025, 1, 9), "day")


def names(*sentences: str) -> list[coreference.Named]:
    """The names of consecutive sentences, one paragraph each."""
    out: list[coreference.Named] = []
    for line, s in enumerate(sentences):
        out += coreference.named_in(s, 1000 * line, line)
    return out


def claimants(body: str) -> list[tuple[str, str, str]]:
    """(value words, claimant, relay) of every drafted claim of an article."""
    d = draft.draft_text(body, "t01", THURSDAY)
    return [
        (r.cells["value_text"], r.cells["claimant"], r.cells.get("relayed_by", ""))
        for r in d.claims
    ]


class TestNamed:
    @pytest.mark.parametrize(
        ("sentence", "name", "kind"),
        [
            ("Nine died, regional governor Ivan Fedorov said.", "Ivan Fedorov", "person"),
            ("Two died, said Danielle Bell, head of the mission.", "Danielle Bell", "person"),
            ("Two died, according to its mayor, Ihor Terekhov.", "Ihor Terekhov", "person"),
            ("Ukraine's commander-in-chief, General Oleksandr Syrskyi, spoke.",
             "Oleksandr Syrskyi", "person"),
            ("The U.N. refugee agency, UNHCR, spoke.", "UNHCR", "body"),
            ("DeepState, an analysis group linked to the army, spoke.", "DeepState", "body"),
            ("Russia's Foreign Ministry rejected the report.", "Russia's Foreign Ministry", "body"),
            ("Ukraine's air force spoke.", "Ukraine's air force", "body"),
            ("Data from the International Organization for Migration (IOM) came.",
             "International Organization for Migration", "body"),
        ],
    )  # fmt: skip
    def test_people_and_bodies_are_named_with_their_kind(self, sentence, name, kind):
        found = coreference.named_in(sentence, 0, 0)
        assert (name, kind) in [(n.name, n.kind) for n in found]

    def test_kind_of_a_claimant(self):
        assert coreference.kind_of("Volodymyr Zelensky") == "person"
        assert coreference.kind_of("Western officials") == "group"
        assert coreference.kind_of("The UNHCR") == "body"
        assert coreference.kind_of("The New York Times") == "body"
        assert coreference.kind_of("South Korea") == "body"


class TestResolve:
    def resolve(self, reference: str, earlier: list[coreference.Named], line: int = 9):
        hit = coreference.resolve(reference, earlier, line)
        return hit and hit.claimant

    def test_a_surname_is_the_full_name_given_before(self):
        earlier = names("Nine died, regional governor Ivan Fedorov said.")
        assert self.resolve("Fedorov", earlier) == "Ivan Fedorov"
        assert self.resolve("Petrov", earlier) is None
        assert self.resolve("DeepState", earlier) is None

    def test_pronouns_take_the_nearest_name_of_their_kind(self):
        earlier = names(
            "Russia's Foreign Ministry rejected the report.",
            "Two died, regional governor Ivan Fedorov said.",
        )
        assert self.resolve("it", earlier) == "Russia's Foreign Ministry"
        assert self.resolve("He", earlier) == "Ivan Fedorov"
        assert self.resolve("they", earlier) == "Russia's Foreign Ministry"  # no group: a body

    def test_a_description_takes_the_nearest_compatible_name(self):
        earlier = names(
            "Nine died, regional governor Oleh Syniehubov said.",
            "The city's mayor, Ihor Terekhov, spoke.",
            "The U.N. Human Rights Monitoring Mission in Ukraine spoke.",
            "Russia's Defence Ministry spoke.",
        )
        assert self.resolve("the governor", earlier) == "Oleh Syniehubov"  # the mayor is skipped
        assert self.resolve("its mayor", earlier) == "Ihor Terekhov"
        assert (
            self.resolve("the mission", earlier)
            == "The U.N. Human Rights Monitoring Mission in Ukraine"
        )
        assert self.resolve("the ministry", earlier) == "Russia's Defence Ministry"
        assert self.resolve("the agency", earlier) is None
        assert self.resolve("the regional administration", earlier) is None

    def test_a_class_noun_takes_a_name_of_that_class(self):
        assert self.resolve("the agency", names("The UNHCR spoke.")) == "UNHCR"
        joint_chiefs = names("South Korea's Joint Chiefs of Staff spoke.")
        assert self.resolve("the military", joint_chiefs) == "South Korea's Joint Chiefs of Staff"

    def test_a_relay_keeps_its_chain_in_its_paragraph_only(self):
        src = attribution.Source("Ukrainian intelligence", "South Korea's Joint Chiefs of Staff",
                                 "'X said, citing Y'", "high")  # fmt: skip
        earlier = attribution.source_names(src, 0, line=3)
        same = coreference.resolve("it", earlier, 3)
        assert (same.claimant, same.relayed_by) == (src.claimant, src.relayed_by)
        after_a_break = coreference.resolve("it", earlier, 4)
        assert (after_a_break.claimant, after_a_break.relayed_by) == (src.relayed_by, "")

    def test_an_air_force_named_nowhere_is_the_datelines_countrys(self):
        assert coreference.national("the air force", "KYIV") == "Ukraine's air force"
        assert (
            coreference.national("the air force", "ZAPORIZHZHIA, Ukraine") == "Ukraine's air force"
        )
        assert coreference.national("the General Staff", "MOSCOW") == "Russia's General Staff"
        assert coreference.national("the air force", "GENEVA") is None
        assert coreference.national("the ministry", "KYIV") is None


class TestExplicitSources:
    @pytest.mark.parametrize(
        ("sentence", "claimant", "relay"),
        [
            ("Two died, according to its mayor, Ihor Terekhov.", "Ihor Terekhov", ""),
            ("The city's mayor, Ihor Terekhov, said four died.", "Ihor Terekhov", ""),
            ("The Times, citing U.S. officials, said 1,000 died.", "U.S. officials", "The Times"),
            ("Reuters, which cited Western officials, reported 30 dead.",
             "Western officials", "Reuters"),
            ("Seven were hurt, according to Oleh Syniehubov, quoted by Suspilne.",
             "Oleh Syniehubov", "Suspilne"),
            ("Seven were hurt, Oleh Syniehubov said, quoted by Suspilne.",
             "Oleh Syniehubov", "Suspilne"),
            ("Since 2022, the mission has verified 12,605 deaths.", "The mission", ""),
            ("Two were hurt, according to the public broadcaster Suspilne.", "Suspilne", ""),
            ("Trade fell 38%, South Korean trade data show.", "South Korean trade data", ""),
            ("Two died, Russia's Health Ministry said, state news agency TASS reported.",
             "Russia's Health Ministry", "TASS"),
            ("Some 2,000 died, lawmaker Lee Seong-kweun told reporters, citing the NIS.",
             "The NIS", "Lee Seong-kweun"),
            ("Russia's ambassador to Pyongyang, Alexander Matsegora, said 6,000 would go.",
             "Alexander Matsegora", ""),
        ],
    )  # fmt: skip
    def test_explicit_sources(self, sentence, claimant, relay):
        src = attribution.explicit_source(sentence, [])
        assert (src.claimant, src.relayed_by) == (claimant, relay)

    def test_the_data_of_a_body_are_the_bodys(self):
        src = attribution.explicit_source(
            "Russia launched 5,600 drones, the Kyiv Independent reported, citing air force data.",
            [],
            place="KYIV",
        )
        assert (src.claimant, src.relayed_by) == ("Ukraine's air force", "The Kyiv Independent")

    def test_an_adverb_between_a_claimant_and_its_verb(self):
        earlier = names("Russia's Defence Ministry rejected the report as biased.")
        src = attribution.explicit_source("It also said 39 drones were downed.", earlier)
        assert src.claimant == "Russia's Defence Ministry"

    def test_it_said_is_not_the_words_after_it(self):
        earlier = names("Russia's Foreign Ministry rejected the report as biased.")
        src = attribution.explicit_source(
            "It said Ukrainian strikes had killed up to 150 civilians.", earlier
        )
        assert src.claimant == "Russia's Foreign Ministry"

    def test_its_own_subject_is_what_it_refers_to(self):
        src = attribution.explicit_source(
            "The U.N. mission has found 12,300 civilians killed, it said in a report.", []
        )
        assert src.claimant == "The U.N. mission"


class TestReachAndCarryOver:
    def test_an_attribution_in_another_clause_does_not_reach_the_figure(self):
        body = (
            "KYIV, Jan 9 (Fixture Wire) – Nine died, regional governor Ivan Fedorov said.\n\n"
            "Video shared by rescuers showed a tram torn apart; two of its passengers died.\n"
        )
        assert claimants(body)[1] == ("two", attribution.UNATTRIBUTED, "")

    def test_a_clause_that_ends_with_its_attribution_speaks_for_the_sentence(self):
        body = "KYIV, Jan 9 (Fixture Wire) – Two people died; 10 were injured, Ivan Fedorov said.\n"
        assert [c[1] for c in claimants(body)] == ["Ivan Fedorov", "Ivan Fedorov"]

    def test_carry_over_stays_in_its_paragraph_and_stops_at_a_new_attribution(self):
        body = (
            "KYIV, Jan 9 (Fixture Wire) – Nine died, regional governor Ivan Fedorov said. "
            "Another 12 were injured.\n\n"
            "Some 40 homes burned, the State Emergency Service said. Eleven more were hurt.\n\n"
            "More than 300 people have been killed in the region since 2022.\n"
        )
        assert [c[1] for c in claimants(body)] == [
            "Ivan Fedorov", "Ivan Fedorov", "The State Emergency Service",
            "The State Emergency Service", attribution.UNATTRIBUTED,
        ]  # fmt: skip

    def test_a_surname_a_pronoun_and_a_description_in_one_article(self):
        body = (
            "KYIV, Jan 9 (Fixture Wire) – Nine died, regional governor Ivan Fedorov said.\n\n"
            "Eighteen were in serious condition, Fedorov said. Four were children, he added.\n\n"
            "Russia launched 40 drones, the air force said. It said 35 were downed.\n"
        )
        assert [c[1] for c in claimants(body)] == [
            "Ivan Fedorov", "Ivan Fedorov", "Ivan Fedorov",
            "Ukraine's air force", "Ukraine's air force",
        ]  # fmt: skip

    def test_a_think_tank_named_in_an_apposition(self):
        body = (
            "KYIV, Jan 9 (Fixture Wire) – Russia seized 4,700 square kilometres, the Institute "
            "for the Study of War, a U.S.-based think tank, said. Ukraine retook about 160 "
            "square kilometres, the think tank said.\n"
        )
        assert [c[1] for c in claimants(body)] == ["The Institute for the Study of War"] * 2

    def test_a_source_a_person_relays_speaks_for_itself_when_named_again(self):
        body = (
            "SEOUL, Jan 9 (Fixture Wire) – South Korea's National Intelligence Service (NIS) "
            "briefed lawmakers. Some 2,000 soldiers were killed, lawmaker Lee Seong-kweun told "
            "reporters, citing the NIS. The spy agency also said 300 were wounded.\n"
        )
        nis = "South Korea's National Intelligence Service"
        assert [c[1:] for c in claimants(body)] == [(nis, "Lee Seong-kweun"), (nis, "")]

    def test_it_said_keeps_the_relay_chain_in_its_paragraph(self):
        body = (
            "SEOUL, Jan 9 (Fixture Wire) – Of 11,000 soldiers, 4,000 were killed or wounded, "
            "South Korea's Joint Chiefs of Staff said, citing Ukrainian intelligence. "
            "Around 400 of them died, it said.\n\n"
            "The military said 3,000 more were sent.\n"
        )
        chain = ("Ukrainian intelligence", "South Korea's Joint Chiefs of Staff")
        assert [c[1:] for c in claimants(body)] == [
            chain,
            chain,
            chain,
            ("South Korea's Joint Chiefs of Staff", ""),
        ]
