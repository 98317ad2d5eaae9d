using Peninsula.Claims;
using Peninsula.Events;
using Peninsula.Record;

namespace Peninsula.Tests.Reading;

/// <summary>How the reader of assertions reads real phrasing: times, numbers, modality, and what it leaves undecided.</summary>
public sealed class ReadingTests
{
    private static readonly Lazy<ArticleChecker> Bundled = new(() => new ArticleChecker(BundledRecord.Events));

    private static ArticleCheck Check(string text, string? published = null) =>
        Bundled.Value.Check(text, published is null ? null : KoreanDate.Parse(published));

    private static CheckedClaim Only(string text, string? published = null) => Assert.Single(Check(text, published).Claims);

    [Fact]
    public void Every_verb_of_North_Koreas_own_announcement_passes_the_plain_search_that_runs_before_the_pattern()
    {
        // The pattern's last group lists the verbs; a verb the plain search missed would never be read as an announcement.
        var pattern = Peninsula.Reading.AssertionReader.OwnAnnouncement().ToString();
        var verbs = pattern[(pattern.LastIndexOf("(?:", StringComparison.Ordinal) + 3)..pattern.LastIndexOf(')')].Split('|');

        Assert.Contains("announced", verbs);
        Assert.All(verbs, verb => Assert.True(Peninsula.Reading.AssertionReader.Announces($"KCNA {verb} the test"), verb));
    }

    [Fact]
    public void A_weekday_in_a_story_published_that_day_is_that_day()
    {
        // 2019-08-10 was a Saturday: two SRBMs that morning.
        var claim = Only("North Korea launched two short-range ballistic missiles on Saturday.", "2019-08-10");
        Assert.Equal("2019-08-10", claim.Period);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
    }

    [Fact]
    public void The_time_of_a_report_is_not_the_time_of_the_event()
    {
        var claim = Only("All national dailies reported on Sunday that North Korea launched two more short-range ballistic missiles early Saturday morning.", "2019-08-11");
        Assert.Equal("2019-08-10", claim.Period);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
    }

    [Fact]
    public void This_morning_is_the_day_of_publication()
    {
        var claim = Only("At about 7:34 a.m. this morning, four ballistic missiles were launched from the western coast of North Korea.", "2017-03-06");
        Assert.Equal("2017-03-06", claim.Period);
    }

    [Fact]
    public void A_day_of_a_month_is_a_date_not_a_count()
    {
        var claim = Only("Today's launch follows North Korea's January 6 nuclear test.", "2016-02-07");
        Assert.NotEqual(ClaimType.Count, claim.Type);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        Assert.Equal("2016-01-06", claim.Period);
    }

    [Fact]
    public void A_year_named_in_another_paragraph_does_not_date_a_later_month()
    {
        var text = "North Korea conducted a nuclear test in 2013.\n\nIn January, North Korea conducted a nuclear test.";
        var claims = Check(text, "2016-02-01").Claims;
        Assert.Equal("2016-01-01..2016-01-31", claims[^1].Period);
        Assert.Equal(ClaimVerdict.Supported, claims[^1].Verdict);
    }

    [Fact]
    public void A_question_asserts_nothing()
    {
        Assert.Empty(Check("REPORTER: Have you made progress on your analysis regarding the type of missile that was launched?", "2017-05-21").Claims);
    }

    [Fact]
    public void Events_named_in_general_or_as_the_object_of_a_reaction_assert_nothing()
    {
        Assert.Empty(Check("Japan lodges a serious protest against North Korea and condemns its repeated provocations including nuclear tests and ballistic missile launches.", "2017-08-29").Claims);
    }

    [Fact]
    public void A_launch_said_to_have_occurred_is_the_event_the_article_reports()
    {
        var claim = Only("The launch of a short range ballistic missile occurred near Wonsan.", "2017-05-29");
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
        Assert.Contains("2017-05-29", claim.Evidence.Single());
    }

    [Fact]
    public void A_denial_of_someone_elses_act_is_not_an_absence()
    {
        Assert.Empty(Check("The network said Defense Minister Nakatani did not clarify whether the SDF intercepted the missile.", "2016-08-03").Claims);
    }

    [Fact]
    public void The_facets_of_a_claim_are_listed_with_their_results()
    {
        var claim = Only("North Korea launched one ballistic missile on March 6, 2017.");
        Assert.Equal(ClaimVerdict.Refuted, claim.Verdict);
        Assert.Equal("date 2017-03-06 ✓ · count 1 ✗", claim.FacetLine);
        Assert.Contains("none with 1 fired", claim.Facets[1].Record);
    }

    [Fact]
    public void A_new_type_is_a_facet_the_record_cannot_decide()
    {
        var claim = Only("Today, North Korea launched what is believed to have been a new type of intercontinental ballistic missile (ICBM).", "2022-03-24");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains(claim.Facets, f => f is { Facet: "detail", Result: FacetResult.Undecided });
        Assert.Contains(claim.Facets, f => f is { Facet: "date", Result: FacetResult.Matches });
    }

    [Fact]
    public void A_date_written_with_slashes_is_read()
    {
        var claim = Only("North Korea fired a short-range ballistic missile on 2024/03/18.");
        Assert.Equal("2024-03-18", claim.Period);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);
    }

    [Fact]
    public void A_date_that_names_no_real_day_is_reported_and_never_read_as_its_year()
    {
        var claim = Only("North Korea fired a short-range ballistic missile on 2024-13-45.");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains("names no real day", claim.Reason);
        Assert.Null(claim.Period);
    }

    [Fact]
    public void Earlier_last_week_is_read_and_loses_nothing()
    {
        var check = Check("North Korea fired a ballistic missile earlier last week. It also fired an ICBM on October 31, 2024.", "2024-11-11");
        Assert.Empty(check.Unread);
        Assert.Equal(2, check.Claims.Count);
        Assert.Equal("2024-10-31", check.Claims[1].Period);
    }

    [Fact]
    public void North_Koreas_own_announcement_cannot_be_refuted_nor_its_outcome_confirmed()
    {
        var claim = Only("This morning, North Korea's state-run media announced that the ballistic missiles were launched successfully.", "2016-06-23");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
    }

    [Fact]
    public void A_response_by_the_United_States_is_checked_against_its_calendar_with_the_us_as_its_actor()
    {
        var sanctions = Only("The United States imposed new sanctions on North Korea last week.", "2017-10-02");
        Assert.Equal(ClaimVerdict.Supported, sanctions.Verdict);
        Assert.Contains("2017-09-20-executive-order-13810-allows-sanctions-on-foreign-banks-and", sanctions.Evidence);
        Assert.DoesNotContain(sanctions.Evidence, id => id.Contains("japan", StringComparison.Ordinal));
    }

    [Fact]
    public void A_response_the_calendar_only_samples_is_never_refuted()
    {
        var japan = Only("Japan imposed new sanctions on North Korea in September 2017.", "2017-10-02");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, japan.Verdict);
        Assert.Contains("not complete for sanctions", japan.Reason);

        // A bomber flight that week is not a carrier's visit.
        var carrier = Only("The US sent an aircraft carrier to Busan last week.", "2017-10-02");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, carrier.Verdict);
    }

    [Fact]
    public void A_landing_in_Japans_EEZ_beside_a_distance_the_record_holds_leaves_the_claim_undecided()
    {
        // jp-kantei-2016-09-05-ccs: three Nodongs flew 1,000 km each; the record has no EEZ.
        var claim = Only("It is estimated that the missiles flew approximately 1,000 km and they are thought to have fallen into the Sea of Japan within Japan’s exclusive economic zone (EEZ).", "2016-09-05");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains(claim.Facets, f => f is { Facet: "detail", Result: FacetResult.Undecided });
    }

    [Fact]
    public void A_place_under_the_flight_path_is_a_detail_but_flying_over_Japan_is_read_from_the_record()
    {
        // jp-kantei-2017-08-29-ccs and jp-kantei-2022-10-04-ccs: both landed in the Pacific.
        var cape = Only("At around 5:58 am today, North Korea launched a ballistic missile that flew over Cape Erimo (Erimo-misaki), Hokkaido in Japan.", "2017-08-29");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, cape.Verdict);
        var japan = Check("It is extremely regrettable and totally unacceptable for Japan that against this backdrop North Korea once again, in violation of relevant UN Security Council Resolutions, launched a ballistic missile, which also flew over Japan.", "2022-10-04").Claims;
        Assert.NotEmpty(japan);
        Assert.All(japan, c => Assert.Equal(ClaimVerdict.Supported, c.Verdict));
    }

    [Fact]
    public void A_North_Korean_launch_that_is_the_subject_of_a_judgement_is_asserted()
    {
        // jp-kantei-2017-02-12-pm and us-dod-2017-07-28: the sentence says something of the launch, so it says the launch happened.
        Assert.Equal(ClaimVerdict.Supported, Only("This launch by North Korea of a ballistic missile is a clear violation of relevant United Nations Security Council resolutions and other decisions taken by the international community.", "2017-02-12").Verdict);
        Assert.Equal(ClaimVerdict.Supported, Only("The North American Aerospace Defense Command (NORAD) determined the missile launch from North Korea did not pose a threat to North America.", "2017-07-28").Verdict);
        Assert.Equal(ClaimVerdict.Supported, Only("Launch of Ballistic Missiles by North Korea", "2021-09-15").Verdict);
    }

    [Fact]
    public void A_launch_named_only_as_what_others_condemn_or_in_general_or_a_weapon_judged_asserts_nothing()
    {
        Assert.Empty(Check("Thus, Japan lodges a serious protest against North Korea and strongly condemns its missile launch.", "2016-02-07").Claims);
        Assert.Empty(Check("In addition, they are in violation of repeated Security Council resolutions obliging North Korea not to conduct any launches that utilize ballistic missile technology.", "2016-10-20").Claims);
        Assert.Empty(Check("The North American Aerospace Defense Command (NORAD) determined this ballistic missile did not pose a threat to North America.", "2017-09-14").Claims);
    }

    [Fact]
    public void Missiles_said_to_have_landed_are_asserted_though_plural_and_the_EEZ_leaves_them_undecided()
    {
        // jp-kantei-2021-09-15-pm: two KN-23 into the Sea of Japan; the record has no EEZ.
        var claim = Only("The missiles presumably landed in the Sea of Japan outside of our Exclusive Economic Zone.", "2021-09-15");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claim.Verdict);
        Assert.Contains(claim.Facets, f => f is { Facet: "detail", Result: FacetResult.Undecided });
    }

    [Fact]
    public void A_launch_named_only_as_what_others_condemn_is_not_asserted_though_called_the_latest()
    {
        // us-state-2016-01-06-kerry and us-embassy-tokyo-2017-03-22.
        Assert.Empty(Check("The United States and nations around the world have unequivocally condemned North Korea’s latest nuclear test.", "2016-01-06").Claims);
        Assert.Empty(Check("An unnamed State Department official condemned the Kim regime’s latest attempt to launch a missile and said, “We urge North Korea to halt provocations that undermine peace and stability in the region.”", "2017-03-22").Claims);
    }

    [Fact]
    public void South_Korean_forces_analysing_a_firing_and_no_indication_of_a_flight_assert_nothing()
    {
        Assert.Empty(Check("The ROK military is currently analyzing the situation to identify what type of projectile was fired.", "2017-03-22").Claims);
        Assert.Empty(Check("Chief Cabinet Secretary Suga told reporters that there was no indication that a DPRK missile flew toward Japan.", "2017-03-22").Claims);
    }

    [Fact]
    public void Launches_that_will_stop_are_a_prediction_and_recent_tests_cited_for_an_assessment_are_not_asserted()
    {
        var promise = Check("The papers also reported that President Trump tweeted on Saturday that Kim Jong Un told him in a letter on Thursday that the missile launches will stop after the U.S.-ROK joint military exercises end.", "2019-08-11");
        Assert.DoesNotContain(promise.Claims, c => c.EventKind == EventKind.MissileLaunch);
        Assert.Empty(Check("Recent ballistic missile tests and military parades suggest that North Korea is continuing to build a nuclear warfighting capability designed to evade regional ballistic missile defenses.", "2021-12-13").Claims);
    }

    [Fact]
    public void A_modal_in_a_relative_clause_is_not_the_events_and_a_landing_time_is_a_detail()
    {
        // jp-kantei-2017-09-03-ccs: "which may differ" is said of the seismic waves.
        var test = Only("Based on a comprehensive consideration of the information that we have so far, including observation of seismic waves which may differ from the ordinary waveform of a natural earthquake, the Government deems that North Korea conducted a nuclear test today.", "2017-09-03");
        Assert.Equal(ClaimVerdict.Supported, test.Verdict);
        var landed = Only("The missile was tracked until it landed in waters East of the Korean Peninsula at 6:51 a.m. (Korea Standard Time).", "2017-04-04");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, landed.Verdict);
    }

    [Fact]
    public void One_missile_at_one_time_and_one_at_another_are_a_count_of_two()
    {
        // jp-kantei-2016-06-22-dccs: two Musudans that morning, each with its own time.
        var both = Only("DEPUTY CHIEF CABINET SECRETARY HAGIUDA: It is deemed that North Korea launched one ballistic missile from its eastern shore today at around 5:57 AM and one at around 8:03 AM, respectively.", "2016-06-22");
        Assert.Equal(ClaimVerdict.Supported, both.Verdict);
        Assert.Contains(both.Facets, f => f is { Facet: "count", Stated: "2", Result: FacetResult.Matches });

        // A lone count still has to match the record's (2017-03-06: five fired, one failing at launch).
        Assert.Equal(ClaimVerdict.Refuted, Only("At about 7:34 a.m. this morning, four ballistic missiles were launched from the western coast of North Korea.", "2017-03-06").Verdict);
    }

    [Fact]
    public void A_first_among_launches_with_a_detail_the_record_does_not_hold_is_never_refuted_by_launches_without_it()
    {
        // jp-kantei-2022-10-04-ccs: the record holds launches since 2017, but not which flew over Japan.
        var overJapan = Only("This is the first missile to fly over Japan since September 15, 2017, an interval of roughly five years.", "2022-10-04");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, overJapan.Verdict);
        Assert.Contains("does not hold", overJapan.Reason, StringComparison.Ordinal);

        // Without such a detail, the first since a date is checked against every launch.
        Assert.Equal(ClaimVerdict.Refuted, Only("This is the first ballistic missile launch by North Korea since September 15, 2017.", "2022-10-04").Verdict);
    }

    [Fact]
    public void A_launch_that_failed_is_asserted_with_its_failure()
    {
        // us-embassy-tokyo-2016-10-20, a heading: the Musudan of that morning failed.
        var failed = Only("North Korea fails to launch ballistic missile again", "2016-10-20");
        Assert.Equal(ClaimVerdict.Supported, failed.Verdict);
        Assert.Contains(failed.Facets, f => f is { Facet: "outcome", Stated: "failure", Result: FacetResult.Matches });
    }

    [Fact]
    public void A_count_of_North_Korean_launches_is_read_across_the_countrys_name()
    {
        // us-usfk-2017-08-news, a heading: three short-range launches on 2017-08-26 (Korean date).
        var three = Only("PACOM detects three NK missile launches", "2017-08-26");
        Assert.Equal(ClaimVerdict.Supported, three.Verdict);
        Assert.Contains(three.Facets, f => f is { Facet: "count", Stated: "3" });
    }

    [Fact]
    public void A_launch_an_observer_found_is_reported_as_having_happened_but_one_only_discussed_is_not()
    {
        // us-pacom-2017-09-14: the Hwasong-12 over Japan on 2017-09-15 (Korean date).
        var irbm = Only("Initial assessment indicates the launch of an intermediate range ballistic missile (IRBM).", "2017-09-15");
        Assert.Equal(ClaimVerdict.Supported, irbm.Verdict);
        Assert.Empty(Check("The ministers discussed the launch of an intermediate range ballistic missile.", "2017-09-15").Claims);
    }

    [Fact]
    public void A_bare_launch_said_to_have_happened_is_the_one_the_paragraph_named_but_one_only_judged_is_not()
    {
        // us-pacom-2017-09-14: the IRBM of the sentence before, launched from Sunan on 2017-09-15 (Korean date).
        var text = "Initial assessment indicates the launch of an intermediate range ballistic missile (IRBM). The launch occurred in the vicinity of Sunan, North Korea and flew east.";
        var claims = Check(text, "2017-09-15").Claims;
        Assert.Equal(2, claims.Count);
        Assert.Equal(ClaimVerdict.Supported, claims[1].Verdict);
        Assert.Contains(claims[1].Facets, f => f is { Facet: "site", Result: FacetResult.Matches });

        // jp-kantei-2016-02-07-ccs: a bare launch judged, not said to have happened, asserts nothing.
        Assert.Empty(Check("The launch also violates UN Security Council Resolutions and other decisions taken by the international community.", "2016-02-07").Claims);
    }

    [Fact]
    public void A_failure_North_Korea_admits_is_supported_where_the_record_has_it_but_a_success_it_claims_is_not()
    {
        // jp-mofa-2023-08-24: the second Malligyong-1 attempt failed that morning.
        var failed = Only("Reporter:North Korea announced that the satellite launch failed and that it will conduct a further launch in October.", "2023-08-24");
        Assert.Equal(ClaimVerdict.Supported, failed.Verdict);
        Assert.Contains(failed.Facets, f => f is { Facet: "outcome", Stated: "failure", Result: FacetResult.Matches });

        // jp-mofa-2023-05-31: the bare "launch" is the ballistic missile named before it in the paragraph.
        var text = "North Korea launched a suspected ballistic missile this morning. Additionally, North Korea has stated that the launch failed and that it will investigate the cause and conduct a second launch promptly.";
        var claims = Check(text, "2023-05-31").Claims;
        Assert.Equal(2, claims.Count);
        Assert.All(claims, c => Assert.Equal(ClaimVerdict.Supported, c.Verdict));
        Assert.Contains(claims[1].Facets, f => f is { Facet: "outcome", Stated: "failure", Result: FacetResult.Matches });

        // jp-kantei-2016-06-22: a success North Korea's media announce stays undecided.
        var claimed = Only("This morning, North Korea's state-run media announced that the ballistic missiles were launched successfully.", "2016-06-23");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, claimed.Verdict);
    }

    [Fact]
    public void A_hedge_on_what_was_launched_does_not_make_the_launch_a_possibility()
    {
        // jp-mofa-2023-08-24: Japan first called the satellite launch "possibly a ballistic missile".
        var hedged = Only("Reporter:North Korea launched what is possibly a ballistic missile, please tell us the facts and the response of the Government.", "2023-08-24");
        Assert.Equal(ClaimVerdict.Supported, hedged.Verdict);
        Assert.Empty(Check("North Korea may launch a ballistic missile.", "2023-08-24").Claims);
    }

    [Fact]
    public void A_site_named_by_the_nearest_town_matches_the_recorded_base_nearby()
    {
        // jp-kantei-2016-10-20-ccs: "an area near Kusong" is the record's Panghyon Airbase, about 7 km away.
        var musudan = Only("Our understanding is that at 7 AM today, North Korea launched a ballistic missile presumed to be a Musudan intermediate-range ballistic missile from an area near Kusong, a northwestern city in North Korea, but that it ended in failure.", "2016-10-20");
        Assert.Equal(ClaimVerdict.Supported, musudan.Verdict);
        Assert.Contains(musudan.Facets, f => f is { Facet: "site", Result: FacetResult.Matches });
    }

    [Fact]
    public void A_launch_against_its_notified_window_is_a_detail_the_record_does_not_hold()
    {
        // jp-mofa-2023-11-22: the Malligyong-1 of 2023-11-21 flew before the window North Korea had notified.
        var text = "I would like to ask about North Korea's launch of a satellite using missile technology last night. This launch took place ahead of the time in the prior notification.";
        var early = Check(text, "2023-11-22").Claims[^1];
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, early.Verdict);
        Assert.Contains(early.Facets, f => f is { Facet: "detail", Result: FacetResult.Undecided });
    }

    [Fact]
    public void A_count_of_times_after_the_object_is_a_count_and_a_bare_test_is_the_kind_the_paragraph_named()
    {
        // us-crs-2021-12-13-if10472: six nuclear tests from 2006 to 2017, the last on 2017-09-03.
        var text = "It has tested a nuclear explosive device six times since 2006. Each test produced underground blasts progressively higher in magnitude and estimated yield. North Korea conducted its most recent test on September 3, 2017.";
        var claims = Check(text, "2021-12-13").Claims;
        Assert.Equal(2, claims.Count);
        Assert.Contains(claims[0].Facets, f => f is { Facet: "count", Stated: "6", Result: FacetResult.Matches });
        Assert.Equal(ClaimVerdict.Supported, claims[1].Verdict);
        Assert.Equal("2017-09-03", claims[1].Period);
        Assert.Equal(ClaimVerdict.Refuted, Only("It has tested a nuclear explosive device seven times since 2006.", "2021-12-13").Verdict);
    }

    [Fact]
    public void A_summit_with_a_time_is_checked_against_the_summits_and_never_refuted()
    {
        // us-crs-2018-06-12-in10916: the inter-Korean summit of 2018-04-27.
        var april = Only("Denuclearization: North Korea “commits to work toward complete denuclearization of the Korean Peninsula,” as was also promised in an April 2018 summit between Kim and South Korean leader Moon Jae-in.", "2018-06-12");
        Assert.Equal(ClaimVerdict.Supported, april.Verdict);
        Assert.Equal(EventKind.Summit, april.EventKind);

        // us-crs-2017-07-05-in10734: a Trump-Moon summit is not one with North Korea, which is all the record holds.
        Assert.DoesNotContain(Check("The test was timed to respond to last week’s summit between President Trump and South Korean President Moon Jae-in.", "2017-07-05").Claims,
            c => c.EventKind == EventKind.Summit);

        // A summit of one kind is not another's: the last inter-Korean summit was in September 2018,
        // and Kim's summits of 2019 with Xi, Trump and Putin do not refute its absence since (nor, the
        // record holding a sample of summits, can it confirm one).
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, Only("There has been no inter-Korean summit since 2019.", "2024-01-01").Verdict);
        Assert.Equal(ClaimVerdict.Refuted, Only("There has been no inter-Korean summit since 2017.", "2024-01-01").Verdict);
    }

    [Fact]
    public void A_bare_launch_asserts_nothing_when_it_is_not_a_North_Korean_launch_said_to_have_happened()
    {
        // Each of these was refuted by the first version of the bare-noun rule (review of 2026-12-06).
        string[] none =
        [
            "The launch of the inter-Korean liaison office took place in Kaesong on September 14, 2018.",
            "The launch ceremony for the new destroyer took place on April 25, 2024.",
            "The U.S. Air Force launched an unarmed Minuteman III intercontinental ballistic missile from Vandenberg. The launch occurred at 11:30 p.m. on August 2, 2023.",
            "North Korea notified Japan of a satellite launch window. The launch never took place on June 5, 2023.",
            "North Korea conducted its sixth nuclear test in 2017 and has since launched dozens of missiles. The test took place at Punggye-ri on September 3, 2017.",
        ];
        foreach (var text in none)
        {
            Assert.All(Check(text, "2024-06-01").Claims, c => Assert.NotEqual(ClaimVerdict.Refuted, c.Verdict));
        }

        // "failed to change" is not the launch's failure; "four times" counts days, not missiles; "what would be" is a prediction.
        Assert.All(Check("The launch on November 29, 2017 failed to change Washington's stance.", "2017-12-01").Claims, c => Assert.NotEqual(ClaimVerdict.Refuted, c.Verdict));
        Assert.All(Check("North Korea fired ballistic missiles four times in March 2020.", "2020-04-01").Claims, c => Assert.NotEqual(ClaimVerdict.Refuted, c.Verdict));
        Assert.All(Check("Once North Korea conducts what would be its seventh nuclear test in June 2022, the allies will respond.", "2022-05-01").Claims, c => Assert.NotEqual(ClaimVerdict.Refuted, c.Verdict));
    }

    [Fact]
    public void The_year_of_a_document_does_not_date_the_events_it_names()
    {
        // us-crs-2023-07-21-if10472: an assessment of 2023 says what Kim thinks of ICBMs; it reports no launch.
        Assert.Empty(Check("According to the U.S. intelligence community’s 2023 annual threat assessment (ATA), North Korean leader Kim Jong-un views nuclear weapons and intercontinental ballistic missiles (ICBMs) as “the ultimate guarantor of his autocratic rule”.", "2023-07-21").Claims);

        // A year that dates the launches still does.
        Assert.Equal(ClaimVerdict.Supported, Only("North Korea's 2017 ICBM launches alarmed its neighbours.", "2018-01-01").Verdict);
    }

    [Fact]
    public void The_first_time_for_North_Korea_to_do_something_the_record_does_not_hold_is_undecided()
    {
        // us-embassy-tokyo-2022-03-26: the first ICBM North Korea announced since 2017, not the first launched (2022-03-16 failed unannounced).
        var announced = Only("Asahi said this was the first time for North Korea to announce the launch of an ICBM since November 2017.", "2022-03-26");
        Assert.Equal(ClaimVerdict.NotEnoughEvidence, announced.Verdict);
        Assert.Contains(announced.Facets, f => f is { Facet: "detail", Result: FacetResult.Undecided });
    }

    [Fact]
    public void A_Korean_date_a_day_after_a_release_dated_in_Hawaii_is_that_day_not_a_year_before()
    {
        // us-pacom-2017-04-04: the launch of 2017-04-05 (Korean date) in a statement dated 2017-04-04 in Hawaii.
        var claim = Only("U.S. Pacific Command detected and tracked a North Korean missile launch at 6:42 a.m. (Korea Standard Time) April 5.", "2017-04-04");
        Assert.Equal("2017-04-05", claim.Period);
        Assert.Equal(ClaimVerdict.Supported, claim.Verdict);

        // Further on than two days, a date is still the latest such day before the publication.
        Assert.Equal("2016-04-10", Only("North Korea launched a missile on April 10.", "2017-04-04").Period);
    }
}

