using NewsTracker.Web.Annotations;
using NewsTracker.Web.Ingestion;

namespace NewsTracker.Tests.Annotations;

public sealed class ReanchorerTests
{
    private const string WhiteHouseClaim = "The White House is reportedly considering granting Ukraine membership should Russia violate a potential peace deal";
    private const string HegsethSentence = "However, Hegseth later left the door open to discussion, acknowledging that everything is ‘on the table’ in regard to Ukraine’s future NATO membership.";
    private const string NewLead = "Editor’s note: this report has been updated with reaction from Kyiv.";

    private static readonly string Seed = PlainTextArticleParser.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "PlainText", "nato-ukraine-membership.txt"))).PlainText;

    [Fact]
    public void An_unchanged_text_keeps_the_annotation_where_it_was()
    {
        var anchor = AnchorOn(Seed, WhiteHouseClaim);

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, Seed, Seed));

        Assert.Equal(AnchorMethod.UnchangedPosition, placed.Method);
        Assert.Equal(anchor, placed.Anchor);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_insertion_before_the_quote_shifts_it_by_the_inserted_length(bool knowsOldText)
    {
        var anchor = AnchorOn(Seed, WhiteHouseClaim);
        var newText = NewLead + ParsedArticle.BlockSeparator + Seed;

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, knowsOldText ? Seed : null, newText));

        Assert.Equal(AnchorMethod.QuoteWithContext, placed.Method);
        Assert.Equal(anchor.Start + NewLead.Length + 2, placed.Anchor.Start);
        Assert.Equal(WhiteHouseClaim, placed.Anchor.Exact);
    }

    [Fact]
    public void An_insertion_after_the_quote_leaves_its_position_alone()
    {
        var anchor = AnchorOn(Seed, WhiteHouseClaim);
        var newText = Seed + ParsedArticle.BlockSeparator + "Reuters contributed to this report.";

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, Seed, newText));

        Assert.Equal(AnchorMethod.UnchangedPosition, placed.Method);
        Assert.Equal(anchor.Start, placed.Anchor.Start);
    }

    [Fact]
    public void A_short_insertion_inside_the_quote_is_placed_by_fuzzy_match_over_the_edited_words()
    {
        var anchor = AnchorOn(Seed, WhiteHouseClaim);
        var edited = WhiteHouseClaim.Replace("reportedly considering", "reportedly quietly considering", StringComparison.Ordinal);
        var newText = Seed.Replace(WhiteHouseClaim, edited, StringComparison.Ordinal);

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, Seed, newText));

        Assert.Equal(AnchorMethod.Fuzzy, placed.Method);
        Assert.Equal(edited, placed.Anchor.Exact);
        Assert.InRange(placed.Similarity, Reanchorer.MinFuzzySimilarity, 0.99);
    }

    [Fact]
    public void An_insertion_inside_the_quote_longer_than_a_fifth_of_it_orphans_the_annotation()
    {
        var anchor = AnchorOn(Seed, WhiteHouseClaim);
        var edited = WhiteHouseClaim.Replace(
            "considering granting",
            "considering, according to two officials briefed on the talks who asked not to be named, granting",
            StringComparison.Ordinal);
        var newText = Seed.Replace(WhiteHouseClaim, edited, StringComparison.Ordinal);

        var orphan = Assert.IsType<ReanchorResult.Orphaned>(Reanchorer.Reanchor(anchor, Seed, newText));

        Assert.Contains("no longer appears", orphan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleting_the_sentence_that_holds_the_quote_orphans_the_annotation()
    {
        var anchor = AnchorOn(Seed, "everything is ‘on the table’");
        var newText = Seed.Replace(" " + HegsethSentence, string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(Seed, newText);

        var result = Reanchorer.Reanchor(anchor, Seed, newText);

        Assert.IsType<ReanchorResult.Orphaned>(result);
    }

    [Fact]
    public void Deleting_a_sentence_before_the_quote_shifts_it_back()
    {
        const string deleted = " It also presents a potential bargain for Vladimir Putin: keep the peace and prevent Ukraine from joining NATO, despite years of assurances that it would.";
        var anchor = AnchorOn(Seed, "everything is ‘on the table’");
        var newText = Seed.Replace(deleted, string.Empty, StringComparison.Ordinal);
        Assert.NotEqual(Seed, newText);

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, Seed, newText));

        Assert.Equal(AnchorMethod.QuoteWithContext, placed.Method);
        Assert.Equal(anchor.Start - deleted.Length, placed.Anchor.Start);
    }

    [Fact]
    public void A_name_mentioned_several_times_is_told_apart_by_the_words_around_it()
    {
        var second = NthIndexOf(Seed, "Vladimir Putin", 1);
        Assert.True(NthIndexOf(Seed, "Vladimir Putin", 2) > second, "the seed mentions Putin three times");
        var anchor = TextAnchor.Create(Seed, second, second + "Vladimir Putin".Length);
        var newText = NewLead + ParsedArticle.BlockSeparator + Seed;

        // Without the old text only the context can say which mention it was.
        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, null, newText));

        Assert.Equal(AnchorMethod.QuoteWithContext, placed.Method);
        Assert.Equal(NthIndexOf(newText, "Vladimir Putin", 1), placed.Anchor.Start);
    }

    [Fact]
    public void A_quote_repeated_with_identical_context_and_no_old_text_is_orphaned_with_the_count()
    {
        var anchor = AnchorOn(Seed, WhiteHouseClaim);
        var newText = WithLeadAndDuplicatedParagraph(WhiteHouseClaim);

        var orphan = Assert.IsType<ReanchorResult.Orphaned>(Reanchorer.Reanchor(anchor, null, newText));

        Assert.Contains("quote appears 2 times", orphan.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quote_repeated_with_identical_context_stays_on_the_copy_the_text_diff_lines_up_with()
    {
        var anchor = AnchorOn(Seed, WhiteHouseClaim);
        var newText = WithLeadAndDuplicatedParagraph(WhiteHouseClaim);

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, Seed, newText));

        // Everything from the old paragraph to the end is unchanged text, now after the inserted lead and copy.
        Assert.Equal(AnchorMethod.QuoteNearestPosition, placed.Method);
        Assert.Equal(anchor.Start + newText.Length - Seed.Length, placed.Anchor.Start);
    }

    [Fact]
    public void A_typo_fixed_inside_the_quote_is_placed_by_fuzzy_match()
    {
        const string corrected = "US Defence Secretary Pete Hegseth cast doubt on the country’s potential membership";
        var misspelt = corrected.Replace("Hegseth", "Hegseht", StringComparison.Ordinal);
        var oldText = Seed.Replace(corrected, misspelt, StringComparison.Ordinal);
        var anchor = AnchorOn(oldText, misspelt);

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, oldText, Seed));

        Assert.Equal(AnchorMethod.Fuzzy, placed.Method);
        Assert.Equal(corrected, placed.Anchor.Exact);
        Assert.Equal(Seed.IndexOf(corrected, StringComparison.Ordinal), placed.Anchor.Start);
    }

    [Fact]
    public void A_fuzzy_match_ends_between_words_when_the_last_word_was_changed()
    {
        const string quote = "granting Ukraine membership should Russia violate a potential peace deal";
        var anchor = AnchorOn(Seed, quote);
        var newText = Seed.Replace("potential peace deal. This move", "potential peace agreement. This move", StringComparison.Ordinal);
        Assert.NotEqual(Seed, newText);

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, Seed, newText));

        Assert.Equal(AnchorMethod.Fuzzy, placed.Method);
        Assert.Equal("granting Ukraine membership should Russia violate a potential peace agreement", placed.Anchor.Exact);
    }

    [Fact]
    public void Reordered_paragraphs_take_their_annotations_with_them()
    {
        var blocks = Seed.Split(ParsedArticle.BlockSeparator);
        var moved = Array.FindIndex(blocks, b => b.Contains(WhiteHouseClaim, StringComparison.Ordinal));
        var reordered = blocks.Where((_, i) => i != moved).Append(blocks[moved]).ToArray();
        var newText = string.Join(ParsedArticle.BlockSeparator, reordered);
        var anchor = AnchorOn(Seed, WhiteHouseClaim);

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, Seed, newText));

        Assert.Equal(newText.IndexOf(WhiteHouseClaim, StringComparison.Ordinal), placed.Anchor.Start);
        Assert.Equal(WhiteHouseClaim, placed.Anchor.Exact);
        Assert.NotEqual(AnchorMethod.Fuzzy, placed.Method);
    }

    [Fact]
    public void Folded_double_spaces_keep_a_quote_inside_a_sentence_exact()
    {
        var oldText = Seed.Replace(". ", ".  ", StringComparison.Ordinal);
        var anchor = AnchorOn(oldText, WhiteHouseClaim);

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, oldText, Seed));

        Assert.Equal(AnchorMethod.QuoteWithContext, placed.Method);
        Assert.Equal(Seed.IndexOf(WhiteHouseClaim, StringComparison.Ordinal), placed.Anchor.Start);
    }

    [Fact]
    public void Folded_double_spaces_inside_the_quote_are_placed_by_fuzzy_match_on_the_folded_text()
    {
        const string folded = "according to reports. The White House is reportedly";
        var oldText = Seed.Replace(". ", ".  ", StringComparison.Ordinal);
        var anchor = AnchorOn(oldText, folded.Replace(". ", ".  ", StringComparison.Ordinal));

        var placed = AssertPlaced(Reanchorer.Reanchor(anchor, oldText, Seed));

        Assert.Equal(AnchorMethod.Fuzzy, placed.Method);
        Assert.Equal(folded, placed.Anchor.Exact);
    }

    [Fact]
    public void A_rewritten_article_orphans_the_claims_and_keeps_only_a_name_it_still_mentions_once()
    {
        const string rewritten =
            "Washington is said to be weighing a plan under which Kyiv would join the Atlantic alliance at once if Moscow breaks a future truce.\n\n"
            + "Officials quoted by several outlets said the idea is meant to give Ukrainians and European capitals confidence that America would defend them against a fresh assault. Critics warn that the Kremlin may use any pause in the fighting to rearm.\n\n"
            + "Earlier this month the Pentagon chief Pete Hegseth appeared to rule out membership as part of a settlement, before saying that all options remained open. Britain, under Keir Starmer, continues to back Ukraine's eventual accession.";
        string[] quotes =
        [
            WhiteHouseClaim,
            "This move aims to reassure both Kyiv and its allies",
            "a ceasefire could provide an opportunity for Russia to regroup and launch another offensive",
            "US Defence Secretary Pete Hegseth cast doubt on the country’s potential membership",
            "everything is ‘on the table’",
            "Pete Hegseth",
        ];
        var anchors = quotes.Select(q => AnchorOn(Seed, q)).ToList();

        var results = Reanchorer.ReanchorAll(anchors, Seed, rewritten);

        Assert.Equal(5, results.Count(r => r is ReanchorResult.Orphaned));
        var placed = AssertPlaced(results[^1]);
        Assert.Equal(AnchorMethod.UniqueQuote, placed.Method);
        Assert.Equal(rewritten.IndexOf("Pete Hegseth", StringComparison.Ordinal), placed.Anchor.Start);
    }

    [Fact]
    public void The_batch_gives_the_same_results_as_one_at_a_time_for_hundreds_of_annotations()
    {
        const int step = 7;
        const int length = 24;
        var anchors = new List<TextAnchor>();
        for (var start = 0; start + length <= Seed.Length; start += step)
        {
            if (TextAnchor.Validate(Seed, start, start + length) is null)
            {
                anchors.Add(TextAnchor.Create(Seed, start, start + length));
            }
        }

        var newText = NewLead + ParsedArticle.BlockSeparator + Seed;

        var batch = Reanchorer.ReanchorAll(anchors, Seed, newText);

        Assert.True(anchors.Count > 300, $"only {anchors.Count} anchors");
        Assert.Equal(anchors.Select(a => Reanchorer.Reanchor(a, Seed, newText)), batch);
        Assert.All(batch.Zip(anchors), pair =>
            Assert.Equal(pair.Second.Start + newText.Length - Seed.Length, AssertPlaced(pair.First).Anchor.Start));
    }

    [Fact]
    public void Random_edits_away_from_a_repeated_name_never_lose_it()
    {
        const int iterations = 200;
        const int margin = TextAnchor.ContextLength;
        string[] words = ["Kremlin", "officials", "said", "on Tuesday", "the", "alliance", "Brussels", ".", "\n\n", "talks"];
        var random = new Random(20261126);
        var second = NthIndexOf(Seed, "Vladimir Putin", 1);
        var anchor = TextAnchor.Create(Seed, second, second + "Vladimir Putin".Length);

        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var text = Seed;
            var start = anchor.Start;
            var edits = random.Next(1, 6);
            for (var e = 0; e < edits; e++)
            {
                var at = random.Next(0, text.Length + 1);
                var removed = random.Next(0, 3) == 0 ? 0 : random.Next(1, 60);
                removed = Math.Min(removed, text.Length - at);
                var touchesQuote = at + removed > start - margin && at < start + anchor.Length + margin;
                if (touchesQuote)
                {
                    continue;
                }

                var inserted = random.Next(0, 2) == 0 ? string.Empty : " " + words[random.Next(words.Length)] + " ";
                text = string.Concat(text.AsSpan(0, at), inserted, text.AsSpan(at + removed));
                if (at < start)
                {
                    start += inserted.Length - removed;
                }
            }

            foreach (var oldText in new[] { Seed, null })
            {
                var placed = AssertPlaced(Reanchorer.Reanchor(anchor, oldText, text));
                Assert.Equal(start, placed.Anchor.Start);
                Assert.Equal(anchor.Exact, placed.Anchor.Exact);
            }
        }
    }

    private static TextAnchor AnchorOn(string text, string quote)
    {
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        Assert.True(start >= 0, $"the text does not contain “{quote}”");
        return TextAnchor.Create(text, start, start + quote.Length, quote);
    }

    private static ReanchorResult.Placed AssertPlaced(ReanchorResult result) =>
        result as ReanchorResult.Placed ?? throw new Xunit.Sdk.XunitException($"Expected the annotation to be placed, but: {result}");

    private static int NthIndexOf(string text, string value, int n)
    {
        var at = -1;
        for (var i = 0; i <= n; i++)
        {
            at = text.IndexOf(value, at + 1, StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }
        }

        return at;
    }

    // A new lead, and the paragraph holding the quote printed twice: the copies share all their context.
    private static string WithLeadAndDuplicatedParagraph(string quote)
    {
        var paragraph = Seed.Split(ParsedArticle.BlockSeparator).Single(b => b.Contains(quote, StringComparison.Ordinal));
        return NewLead + ParsedArticle.BlockSeparator
            + Seed.Replace(paragraph, paragraph + ParsedArticle.BlockSeparator + paragraph, StringComparison.Ordinal);
    }
}
