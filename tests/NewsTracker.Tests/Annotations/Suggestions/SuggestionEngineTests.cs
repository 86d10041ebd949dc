using NewsTracker.Web.Domain;
using System.Text;
using NewsTracker.Web.Annotations.Suggestions;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Annotations.Suggestions;

public sealed class SuggestionEngineTests
{
    private static readonly Lazy<IReadOnlyList<Suggestion>> SeedSuggestions = new(() =>
        SuggestionEngine.Suggest(PlainTextArticleParser.Parse(File.ReadAllText("Fixtures/PlainText/nato-ukraine-membership.txt")).PlainText, []));

    public static TheoryData<string, ActorKind> SeedActors => new()
    {
        { "Volodymyr Zelensky", ActorKind.Person },
        { "Vladimir Putin", ActorKind.Person },
        { "Pete Hegseth", ActorKind.Person },
        { "Keir Starmer", ActorKind.Person },
        { "NATO", ActorKind.Organisation },
        { "White House", ActorKind.GovernmentBody },
        { "Ukraine", ActorKind.Country },
        { "Russia", ActorKind.Country },
        { "Kyiv", ActorKind.Other },
        { "UK", ActorKind.Country },
    };

    [Theory]
    [MemberData(nameof(SeedActors))]
    public void The_seed_article_suggests_each_expected_actor(string text, ActorKind kind) =>
        Assert.Contains(SeedSuggestions.Value, s => s.Kind == SuggestionKind.ActorMention && s.Text == text && s.ActorKind == kind);

    [Fact]
    public void The_seed_article_suggests_according_to_reports_as_an_unspecified_source() =>
        Assert.Contains(SeedSuggestions.Value, s => s.Kind == SuggestionKind.Source && s.Text == "according to reports" && s.SourceKind == SourceKind.UnspecifiedReports);

    [Fact]
    public void The_seed_article_gives_hegseth_his_title_as_a_role_hint_and_resolves_his_surname()
    {
        var hegseth = SeedSuggestions.Value.Where(s => s.NormalisedName == "Pete Hegseth" && s.Kind == SuggestionKind.ActorMention).ToList();

        Assert.Equal(["Pete Hegseth", "Hegseth"], hegseth.Select(s => s.Text));
        Assert.Equal("Defence Secretary", hegseth[0].RoleHint);
    }

    public static TheoryData<string, string[]> ActorTexts => new()
    {
        { "Russia’s envoy met Zelensky's aides in Geneva.", ["Russia", "Zelensky", "Geneva"] },
        { "Ukrainian servicemen fired at a Russian drone over the Donbas.", ["Donbas"] },
        { "Talks resumed in the U.S. on Monday and in the UK in March.", ["U.S.", "UK"] },
        { "Last week the Kremlin and Downing Street traded barbs.", ["Kremlin", "Downing Street"] },
        { "The Bank of England held rates, said Andrew Bailey.", ["Bank of England", "Andrew Bailey"] },
        { "The decision was backed by Ursula von der Leyen and J. K. Rowling.", ["Ursula von der Leyen", "J. K. Rowling"] },
        { "Sifan Hassan of the Netherlands won; Hassan later thanked fans.", ["Sifan Hassan", "Netherlands", "Hassan"] },
        { "However, the talks stalled. Despite this, Washington pressed on.", ["Washington"] },
        { "Premier League clubs voted against the Digital Markets Act.", ["Premier League"] },
    };

    [Theory]
    [MemberData(nameof(ActorTexts))]
    public void Suggests_actor_mentions_without_possessives_demonyms_titles_or_sentence_openers(string text, string[] expected) =>
        Assert.Equal(expected, Actors(text, []).Select(s => s.Text));

    public static TheoryData<string, string, string> TitledNames => new()
    {
        { "US Defence Secretary Pete Hegseth spoke first.", "Pete Hegseth", "Defence Secretary" },
        { "Prime Minister Keir Starmer will travel to Kyiv.", "Keir Starmer", "Prime Minister" },
        { "Kremlin spokesman Dmitry Peskov declined to comment.", "Dmitry Peskov", "spokesman" },
        { "It was signed by Secretary of State Marco Rubio.", "Marco Rubio", "Secretary of State" },
        { "Talks with Mr. Lee ended early.", "Lee", "Mr" },
    };

    [Theory]
    [MemberData(nameof(TitledNames))]
    public void A_title_before_a_name_becomes_a_role_hint_outside_the_span(string text, string name, string role)
    {
        var person = Assert.Single(Actors(text, []), s => s.ActorKind == ActorKind.Person);

        Assert.Equal(name, person.Text);
        Assert.Equal(role, person.RoleHint);
        Assert.Equal(SuggestionReasons.TitleAndName, person.Reason);
    }

    [Fact]
    public void Registry_names_and_aliases_win_with_the_longest_match_and_carry_the_actor_id()
    {
        KnownActor[] registry =
        [
            new(7, "Volodymyr Zelensky", ActorKind.Person, ["Zelensky", "Zelenskyy"]),
            new(9, "North Atlantic Treaty Organization", ActorKind.Organisation, ["NATO", "the alliance"]),
        ];

        var actors = Actors("Zelensky's call to NATO was echoed by Volodymyr Zelensky and the alliance.", registry);

        Assert.Equal(["Zelensky", "NATO", "Volodymyr Zelensky", "the alliance"], actors.Select(s => s.Text));
        Assert.Equal([7, 9, 7, 9], actors.Select(s => s.ActorId ?? 0));
        Assert.Equal([SuggestionReasons.RegistryAlias, SuggestionReasons.RegistryAlias, SuggestionReasons.RegistryName, SuggestionReasons.RegistryAlias], actors.Select(s => s.Reason));
    }

    [Fact]
    public void Registry_matching_is_case_sensitive_so_us_the_pronoun_is_not_the_US()
    {
        KnownActor[] registry = [new(3, "United States", ActorKind.Country, ["US"])];

        var actors = Actors("They told us the US would act.", registry);

        var us = Assert.Single(actors);
        Assert.Equal(3, us.ActorId);
        Assert.Equal("US", us.Text);
    }

    [Fact]
    public void A_title_case_headline_line_yields_only_gazetteer_and_registry_mentions() =>
        Assert.Equal(["NATO", "Ukraine"], Actors("Allies Weigh Faster NATO Entry For Ukraine After Summit Talks\n\nNothing else.", []).Select(s => s.Text));

    public static TheoryData<string, string, SourceKind> SourceTexts => new()
    {
        { "Ukraine could join NATO, according to reports.", "according to reports", SourceKind.UnspecifiedReports },
        { "The plan is reportedly under review.", "reportedly", SourceKind.UnspecifiedReports },
        { "A White House official said the offer stood.", "A White House official said", SourceKind.Official },
        { "The deal is close, according to sources familiar with the talks.", "according to sources familiar with the talks", SourceKind.Anonymous },
        { "Officials said the bridge would reopen.", "Officials said", SourceKind.Official },
        { "Talks stalled, said Keir Starmer.", "said Keir Starmer", SourceKind.NamedPerson },
        { "Pete Hegseth told reporters the door was open.", "Pete Hegseth told reporters", SourceKind.NamedPerson },
        { "The claim appears in court documents filed on Monday.", "court documents", SourceKind.Document },
        { "The ban was first revealed by Reuters, according to Reuters.", "according to Reuters", SourceKind.MediaReport },
        { "Prices will rise, according to figures from the Treasury.", "according to figures from the Treasury", SourceKind.Document },
    };

    [Theory]
    [MemberData(nameof(SourceTexts))]
    public void Suggests_attributions_with_a_guessed_source_kind(string text, string span, SourceKind kind)
    {
        var sources = SuggestionEngine.Suggest(text, []).Where(s => s.Kind == SuggestionKind.Source).ToList();

        Assert.Contains(sources, s => s.Text == span && s.SourceKind == kind);
    }

    [Fact]
    public void A_passive_reporting_verb_is_not_an_attribution() =>
        Assert.DoesNotContain(SuggestionEngine.Suggest("He has called for Ukraine to be admitted to the alliance.", []), s => s.Kind == SuggestionKind.Source);

    public static TheoryData<string, string[]> ClaimTexts => new()
    {
        { "The U.S. envoy said talks would resume. Mr. Lee arrived at 3.5 p.m. The weather was fine.", ["The U.S. envoy said talks would resume."] },
        { "“We will not back down,” the minister said. Crowds gathered outside the hall.", ["“We will not back down,” the minister said."] },
        { "Inflation may ease next year, analysts believe. Shares rose.", ["Inflation may ease next year, analysts believe."] },
        { "The White House is reportedly considering the offer", ["The White House is reportedly considering the offer"] },
        { "Rain fell on the city all day long.", [] },
    };

    [Theory]
    [MemberData(nameof(ClaimTexts))]
    public void Claim_candidates_are_whole_sentences_with_reporting_verbs_or_hedges(string text, string[] expected) =>
        Assert.Equal(expected, SuggestionEngine.Suggest(text, []).Where(s => s.Kind == SuggestionKind.Claim).Select(s => s.Text));

    public static TheoryData<string, string[]> SplitterTexts => new()
    {
        { "Talks failed. Crews walked out!  Will they return?", ["Talks failed.", "Crews walked out!", "Will they return?"] },
        { "\"We warned them.\" The company disagreed.", ["\"We warned them.\"", "The company disagreed."] },
        { "The U.S. envoy met Mr. Lee in St. Petersburg. Nothing was agreed.", ["The U.S. envoy met Mr. Lee in St. Petersburg.", "Nothing was agreed."] },
        { "Troops left the U.S. The next day talks began.", ["Troops left the U.S.", "The next day talks began."] },
        { "Prices rose 3.5 percent. J. K. Rowling agreed.\n\nA caption without a stop", ["Prices rose 3.5 percent.", "J. K. Rowling agreed.", "A caption without a stop"] },
    };

    [Theory]
    [MemberData(nameof(SplitterTexts))]
    public void The_sentence_splitter_handles_abbreviations_quotes_decimals_and_initials(string text, string[] expected) =>
        Assert.Equal(expected, SentenceSplitter.Split(text).Select(s => text[s.Start..s.End]));

    [Fact]
    public void Spans_never_split_a_surrogate_pair_and_quote_the_text_exactly()
    {
        var text = "🇺🇦 𝐊𝐲𝐢𝐯 rally: Ukraine’s 😀 leader Volodymyr Zelensky said 𝒜ngela 😀 would come. Officials said NATO might 🙂 agree.";

        var suggestions = SuggestionEngine.Suggest(text, []);

        Assert.Contains(suggestions, s => s.Text == "Volodymyr Zelensky");
        Assert.All(suggestions, s =>
        {
            Assert.Equal(text[s.Start..s.End], s.Text);
            Assert.False(s.Start > 0 && char.IsLowSurrogate(text[s.Start]), $"{s.Text} starts inside a pair");
            Assert.False(s.End < text.Length && char.IsLowSurrogate(text[s.End]), $"{s.Text} ends inside a pair");
        });
    }

    [Fact]
    public void A_megabyte_of_text_completes_with_ordered_non_overlapping_spans_per_kind()
    {
        const int TargetLength = 1 << 20;
        var seed = PlainTextArticleParser.Parse(File.ReadAllText("Fixtures/PlainText/nato-ukraine-membership.txt")).PlainText;
        var builder = new StringBuilder(TargetLength + seed.Length);
        while (builder.Length < TargetLength)
        {
            // Hostile shapes too: a long unbroken capitalised run and long runs of dots and quotes.
            builder.Append(seed).Append("\n\n").Append(string.Concat(Enumerable.Repeat("Alpha Beta of ", 500))).Append(new string('.', 2000)).Append("\n\n");
        }

        var text = builder.ToString();
        var suggestions = SuggestionEngine.Suggest(text, []);

        Assert.NotEmpty(suggestions);
        Assert.True(suggestions.Zip(suggestions.Skip(1)).All(p => p.First.Start <= p.Second.Start));
        foreach (var kind in suggestions.GroupBy(s => s.Kind))
        {
            var ordered = kind.OrderBy(s => s.Start).ToList();
            Assert.True(ordered.Zip(ordered.Skip(1)).All(p => p.First.End <= p.Second.Start), $"{kind.Key} spans overlap");
        }
    }

    [Fact]
    public void A_name_suffix_keeps_its_point()
    {
        var mayor = Assert.Single(Actors("The county is exceeding our expectations, Manor Mayor Larry Wallace Jr. said on Monday.", []), s => s.ActorKind == ActorKind.Person);

        Assert.Equal("Larry Wallace Jr.", mayor.Text);
    }

    [Fact]
    public void An_acronym_naming_a_thing_in_lower_case_is_not_an_actor_but_one_naming_a_group_is()
    {
        var text = "The pills held dinitrophenol, known as DNP, police said. Nobody should take DNP. A militant group known as KRTF said KRTF did it.";

        var actors = Actors(text, []).Select(s => s.Text).ToList();

        Assert.DoesNotContain("DNP", actors);
        Assert.Contains("KRTF", actors);
    }

    [Fact]
    public void Event_clustering_reads_the_same_actor_mentions_as_the_full_engine()
    {
        var text = PlainTextArticleParser.Parse(File.ReadAllText("Fixtures/PlainText/nato-ukraine-membership.txt")).PlainText;

        Assert.Equal(
            SuggestionEngine.Suggest(text, []).Where(s => s.Kind == SuggestionKind.ActorMention),
            SuggestionEngine.Actors(text));
    }

    private static List<Suggestion> Actors(string text, IReadOnlyList<KnownActor> registry) =>
        SuggestionEngine.Suggest(text, registry).Where(s => s.Kind == SuggestionKind.ActorMention).ToList();
}
