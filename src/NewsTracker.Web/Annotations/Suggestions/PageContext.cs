using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>
/// Second look at the actor mentions with what surrounds them on a real page: datelines ("PARIS (Reuters) –"),
/// photo credits ("Grigorov/Pool/AFP via Getty Images"), bylines, shouted link lines and breadcrumbs are page
/// furniture, not actors, and are dropped; venues ("Miller Drive", "Kremlin palace") are kept but not shown by
/// default; a lone name or acronym the article repeats, or introduces in brackets after a name, is trusted more.
/// Confidences here decide what the article page shows without asking (<see cref="Suggestion.ShownByDefault"/>).
/// </summary>
internal static class PageContext
{
    private const double VenueConfidence = 0.3;
    private const double RepeatedWordConfidence = 0.75;
    private const double RepeatedAcronymConfidence = 0.75;
    private const double IntroducedAcronymConfidence = 0.85;
    private const double PersonNameConfidence = 0.75;
    private const double LocalPoliceConfidence = 0.8;
    private const int DatelineReach = 60;
    private const int BylineReach = 40;
    private const double ShoutedShare = 0.6;
    private const int ShoutedMinLetters = 12;

    private static readonly HashSet<string> VenueHeads = new(StringComparer.Ordinal)
    {
        "Drive", "Boulevard", "Terrace", "Mall", "Hospital", "Hospitals", "Trail", "Base", "Theater", "Theatre", "Center", "Palace",
        "Cathedral", "Stadium", "Airport", "Arena", "Station", "Camp", "Hotel", "Prison", "Avenue", "Street", "Road", "Lane", "Square",
    };

    private static readonly HashSet<string> VenueWords = new(StringComparer.Ordinal)
    {
        "palace", "hospital", "hospitals", "mall", "airport", "station", "compound", "camp", "crossing", "stadium", "centre", "center",
        "church", "hotel", "prison", "building", "headquarters", "home", "residence", "base", "theater", "theatre",
    };

    private static readonly string[] CreditOpeners = ["Photo:", "Photos:", "Picture:", "Pictures:", "Image:", "Credit:", "Video:", "Watch:", "READ MORE"];

    public static List<FoundActor> Calibrate(string text, List<Token> tokens, List<FoundActor> found)
    {
        var furniture = FurnitureSpans(text);
        var kept = new List<FoundActor>(found.Count);
        foreach (var actor in found)
        {
            var s = actor.Suggestion;
            var isRegistry = s.Reason is SuggestionReasons.RegistryName or SuggestionReasons.RegistryAlias;
            if (!isRegistry && (Inside(furniture, s.Start, s.End) || IsCredit(text, s.Start, s.End) || IsShoutedSequence(tokens, actor)))
            {
                continue;
            }

            kept.Add(actor);
        }

        // "Comprehensive Nuclear Test Ban Treaty (CTBT)": an acronym introduced after something that is not an actor never is one.
        // So is one that names a thing in words ("dinitrophenol, known as DNP"), unless the thing is a body ("a group called ISIS").
        var notActors = kept.Where((a, i) => a.Suggestion.Reason == SuggestionReasons.CapitalisedAcronym
                && ((a.Suggestion.Start > 0 && text[a.Suggestion.Start - 1] == '(' && Introduced(text, kept, i) is null) || NamesAThing(text, a.Suggestion.Start)))
            .Select(a => a.Suggestion.Text).ToHashSet(StringComparer.Ordinal);
        kept.RemoveAll(a => a.Suggestion.Reason == SuggestionReasons.CapitalisedAcronym && notActors.Contains(a.Suggestion.Text));

        var counts = kept.Where(a => a.Suggestion.Reason is SuggestionReasons.CapitalisedWord or SuggestionReasons.CapitalisedAcronym)
            .GroupBy(a => a.Suggestion.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        for (var i = 0; i < kept.Count; i++)
        {
            kept[i] = Adjust(text, tokens, kept, i, counts);
        }

        return kept;
    }

    private static FoundActor Adjust(string text, List<Token> tokens, List<FoundActor> kept, int index, Dictionary<string, int> counts)
    {
        var actor = kept[index];
        var s = actor.Suggestion;
        var isRegistry = s.Reason is SuggestionReasons.RegistryName or SuggestionReasons.RegistryAlias;
        var next = actor.ToToken < tokens.Count && !tokens[actor.ToToken].BreakBefore ? tokens[actor.ToToken].Text : null;

        // "West Mercia police said": a place followed by "police" is the force.
        if (next == "police" && !isRegistry && s.Reason != SuggestionReasons.CapitalisedWord
            && s.ActorKind is ActorKind.Other or ActorKind.Person && !tokens[actor.ToToken - 1].Possessive)
        {
            var end = tokens[actor.ToToken].End;
            var extended = s with { End = end, Text = text[s.Start..end], NormalisedName = s.NormalisedName + " Police", Confidence = LocalPoliceConfidence, ActorKind = ActorKind.GovernmentBody };
            return actor with { ToToken = actor.ToToken + 1, Suggestion = extended };
        }

        if (isRegistry)
        {
            return actor;
        }

        var last = tokens[actor.ToToken - 1].Text;
        var code = s.End + 1 < text.Length && text[s.End] == '.' && char.IsAsciiDigit(text[s.End + 1]);
        if (code || (next is not null && VenueWords.Contains(next))
            || (s.Reason is SuggestionReasons.CapitalisedSequence or SuggestionReasons.CapitalisedWord && VenueHeads.Contains(last)))
        {
            return Lower(actor, VenueConfidence);
        }

        switch (s.Reason)
        {
            case SuggestionReasons.CapitalisedAcronym when Introduced(text, kept, index) is { } named:
                return actor with { Suggestion = s with { Confidence = IntroducedAcronymConfidence, ActorKind = named.Suggestion.ActorKind } };
            case SuggestionReasons.CapitalisedAcronym when counts.GetValueOrDefault(s.Text) >= 2:
                return Raise(actor, RepeatedAcronymConfidence);
            case SuggestionReasons.CapitalisedWord when counts.GetValueOrDefault(s.Text) >= 2:
                return Raise(actor, RepeatedWordConfidence);
            case SuggestionReasons.CapitalisedSequence when s.ActorKind == ActorKind.Person:
                return Raise(actor, PersonNameConfidence);
            default:
                return actor;
        }
    }

    private static FoundActor Raise(FoundActor actor, double confidence) =>
        actor.Suggestion.Confidence >= confidence ? actor : actor with { Suggestion = actor.Suggestion with { Confidence = confidence } };

    private static FoundActor Lower(FoundActor actor, double confidence) =>
        actor.Suggestion.Confidence <= confidence ? actor : actor with { Suggestion = actor.Suggestion with { Confidence = confidence } };

    private static readonly string[] NamingPhrases = ["known as ", "called ", "dubbed "];

    /// <summary>Whether a naming phrase stands just before <paramref name="start"/> after a word in lower case that is not
    /// a body's head ("a chemical called DNP", "dinitrophenol, known as DNP"; not "a group known as ISIS").</summary>
    private static bool NamesAThing(string text, int start)
    {
        foreach (var phrase in NamingPhrases)
        {
            var at = start - phrase.Length;
            if (at <= 0 || !text.AsSpan(at, phrase.Length).SequenceEqual(phrase))
            {
                continue;
            }

            var end = at;
            while (end > 0 && text[end - 1] is ' ' or ',')
            {
                end--;
            }

            var from = end;
            while (from > 0 && char.IsLetter(text[from - 1]))
            {
                from--;
            }

            var word = text[from..end];
            var head = word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
            return word.Length > 0 && char.IsLower(word[0]) && !IsBodyHead(head) && !IsBodyHead(head.TrimEnd('s'));
        }

        return false;
    }

    private static bool IsBodyHead(string word) =>
        Gazetteer.OrganisationHeads.Contains(word) || Gazetteer.GovernmentHeads.Contains(word) || word is "Movement" or "Militia" or "Faction" or "Organisation" or "Organization";

    /// <summary>"Pan American Health Organization (PAHO)": the mention just before the bracket the acronym stands for.</summary>
    private static FoundActor? Introduced(string text, List<FoundActor> kept, int index)
    {
        var s = kept[index].Suggestion;
        if (index == 0 || s.Start < 2 || s.End >= text.Length || text[s.Start - 1] != '(' || text[s.End] != ')')
        {
            return null;
        }

        var before = kept[index - 1];
        var gap = text.AsSpan(before.Suggestion.End, s.Start - 1 - before.Suggestion.End);
        return gap.IsWhiteSpace() && before.Suggestion.ActorKind != ActorKind.Person ? before : null;
    }

    /// <summary>"FILE PHOTO", "SOUTHWEST MIAMI-DADE": several words in capitals that no list knows are a label or a shout.</summary>
    private static bool IsShoutedSequence(List<Token> tokens, FoundActor actor) =>
        actor.Suggestion.Reason == SuggestionReasons.CapitalisedSequence && actor.ToToken - actor.FromToken > 1
        && tokens.Skip(actor.FromToken).Take(actor.ToToken - actor.FromToken).All(t => t.IsAcronym || !t.IsCapitalised);

    /// <summary>Next to a slash ("Grigorov/Pool/AFP") or after "via" ("via Getty Images"): a photo credit.</summary>
    private static bool IsCredit(string text, int start, int end) =>
        (start > 0 && text[start - 1] is '/' or '.') // "News.Az": a piece of a web address
        || (end + 1 < text.Length && text[end] == '.' && char.IsLetter(text[end + 1]))
        || (start > 0 && text[start - 1] == '/') || (end < text.Length && text[end] == '/')
        || (start >= 4 && text.AsSpan(start - 4, 4).Equals("via ", StringComparison.Ordinal));

    private static bool Inside(List<TextSpan> spans, int start, int end) => spans.Any(f => f.Start <= start && end <= f.End);

    /// <summary>Datelines, bylines, credit lines, shouted lines and breadcrumbs, block by block.</summary>
    private static List<TextSpan> FurnitureSpans(string text)
    {
        var spans = new List<TextSpan>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            end = end < 0 ? text.Length : end;
            var block = text.AsSpan(start, end - start);
            if (IsShouted(block) || IsBreadcrumb(block) || StartsWithAny(block, CreditOpeners))
            {
                spans.Add(new TextSpan(start, end));
            }
            else if (Dateline(block) is var dateline and > 0)
            {
                spans.Add(new TextSpan(start, start + dateline));
            }
            else if (block.StartsWith("By ", StringComparison.Ordinal))
            {
                var colon = block[..Math.Min(block.Length, BylineReach)].IndexOfAny(':', '\n');
                spans.Add(new TextSpan(start, start + (colon > 0 ? colon : Math.Min(block.Length, BylineReach))));
            }

            start = end + 2;
        }

        return spans;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> block, string[] openers)
    {
        foreach (var opener in openers)
        {
            if (block.StartsWith(opener, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsShouted(ReadOnlySpan<char> block)
    {
        int letters = 0, upper = 0;
        foreach (var c in block)
        {
            if (char.IsLetter(c))
            {
                letters++;
                upper += char.IsUpper(c) ? 1 : 0;
            }
        }

        return letters >= ShoutedMinLetters && upper >= ShoutedShare * letters;
    }

    private static bool IsBreadcrumb(ReadOnlySpan<char> block) => block.Length < 200 && block.Count(" / ") >= 2;

    /// <summary>"PARIS (Reuters) –", "LAWRENCEVILLE, Ga. (AP) —", "WASHINGTON –", "(CNN) —", "London, Jun 11 (efe-epa).-":
    /// the length of the dateline at the start of a block, or 0. Before the dash no word starts in lower case
    /// (outside brackets), and there is a bracket or a word in capitals.</summary>
    private static int Dateline(ReadOnlySpan<char> block)
    {
        var reach = Math.Min(block.Length, DatelineReach);
        var depth = 0;
        var hasBracketOrCapitals = false;
        var capitalsInRow = 0;
        for (var i = 0; i < reach; i++)
        {
            var c = block[i];
            if (c == '(')
            {
                depth++;
                hasBracketOrCapitals = true;
            }
            else if (c == ')')
            {
                depth = Math.Max(0, depth - 1);
            }
            else if (depth == 0 && (c is '–' or '—' || (c == '-' && (i + 1 >= block.Length || !char.IsLetter(block[i + 1])) && (i == 0 || !char.IsLetter(block[i - 1])))))
            {
                return hasBracketOrCapitals && i > 0 ? i + 1 : 0;
            }
            else if (depth == 0 && char.IsLower(c) && (i == 0 || !char.IsLetter(block[i - 1])))
            {
                return 0;
            }

            capitalsInRow = char.IsUpper(c) ? capitalsInRow + 1 : 0;
            hasBracketOrCapitals |= capitalsInRow >= 3;
        }

        return 0;
    }
}
