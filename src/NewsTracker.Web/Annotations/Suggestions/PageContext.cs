using NewsTracker.Web.Domain;

namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>
/// Second look at the actor mentions with what surrounds them on a real page: datelines ("PARIS (Reuters) –"),
/// photo credits ("Grigorov/Pool/AFP via Getty Images"), bylines, shouted link lines and breadcrumbs are page
/// furniture, not actors, and are dropped; venues ("Miller Drive", "Kremlin palace") are kept but not shown by
/// default; a lone name or acronym the article repeats, or introduces in brackets after a name, is trusted more; a name
/// guessed from capitals alone is shown only when the text treats it as an actor somewhere (it speaks, acts, owns, is a place).
/// Confidences here decide what the article page shows without asking (<see cref="Suggestion.ShownByDefault"/>).
/// </summary>
internal static class PageContext
{
    private const double VenueConfidence = 0.3;
    private const double RepeatedWordConfidence = 0.75;
    private const double ActingWordConfidence = 0.7;
    private const double GivenNameConfidence = 0.75;
    private const double RepeatedAcronymConfidence = 0.75;
    private const double IntroducedAcronymConfidence = 0.85;
    private const double PersonNameConfidence = 0.75;
    private const double LocalPoliceConfidence = 0.8;
    private const int DatelineReach = 60;
    private const int BylineReach = 40;
    private const double ShoutedShare = 0.6;
    private const int ShoutedMinLetters = 12;
    private const int LabelMaxWords = 4;

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
        // Nor is a name a thing is given in words ("dinitrophenol, known as DNP", "a gray wolf named Sequoia"), unless the
        // thing is a body or a person ("a group called ISIS", "a man named John Ward"); every mention of that name goes.
        var notActors = kept.Where((a, i) => IsGuessed(a.Suggestion)
                && ((a.Suggestion.Reason == SuggestionReasons.CapitalisedAcronym && a.Suggestion.Start > 0 && text[a.Suggestion.Start - 1] == '(' && Introduced(text, kept, i) is null)
                    || NamesAThing(text, a.Suggestion.Start, a.Suggestion.End)))
            .Select(a => a.Suggestion.Text).ToHashSet(StringComparer.Ordinal);
        kept.RemoveAll(a => IsGuessed(a.Suggestion) && notActors.Contains(a.Suggestion.Text));

        var counts = kept.Where(a => a.Suggestion.Reason is SuggestionReasons.CapitalisedWord or SuggestionReasons.CapitalisedAcronym)
            .GroupBy(a => a.Suggestion.Text, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // A repeated word is shown only if the text once treats it as an actor; "WhatsApp messages" and "the silver Audi"
        // are repeated too. Coordination is judged before any confidence moves, so the order of the loop below does not matter.
        var listed = InListsOfActors(text, kept);
        var acting = kept.Where((a, i) => a.Suggestion.Reason == SuggestionReasons.CapitalisedWord && (listed[i] || ActsAlone(text, tokens, kept, i)))
            .Select(a => a.Suggestion.Text)
            .Concat(kept.Where((a, i) => a.Suggestion.Reason == SuggestionReasons.CapitalisedSequence && a.Suggestion.ActorKind == ActorKind.Person
                && (listed[i] || ActsAsPerson(text, tokens, kept, i))).Select(a => a.Suggestion.Text))
            .ToHashSet(StringComparer.Ordinal);

        // "Eloise" after "Eloise Parry": features call people by their first name. Only names sure to be people count.
        var givenNames = new Dictionary<string, Suggestion>(StringComparer.Ordinal);
        foreach (var a in kept.Where(a => a.ToToken - a.FromToken > 1 && a.Suggestion.ActorKind == ActorKind.Person
            && (a.Suggestion.Reason is SuggestionReasons.TitleAndName or SuggestionReasons.RegistryName || acting.Contains(a.Suggestion.Text))))
        {
            var given = tokens[a.FromToken].Text;
            if (given.Length > 1 && !tokens[a.FromToken].IsAcronym)
            {
                givenNames.TryAdd(given, a.Suggestion);
            }
        }

        for (var i = 0; i < kept.Count; i++)
        {
            kept[i] = kept[i].Suggestion.Reason == SuggestionReasons.CapitalisedWord && givenNames.TryGetValue(kept[i].Suggestion.Text, out var person)
                ? kept[i] with { Suggestion = kept[i].Suggestion with { NormalisedName = person.NormalisedName, ActorKind = ActorKind.Person, ActorId = person.ActorId, Confidence = GivenNameConfidence, Reason = SuggestionReasons.GivenNameOfNamedPerson } }
                : Adjust(text, tokens, kept, i, counts, acting);
        }

        return kept;
    }

    private static FoundActor Adjust(string text, List<Token> tokens, List<FoundActor> kept, int index, Dictionary<string, int> counts, HashSet<string> acting)
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
            case SuggestionReasons.CapitalisedWord when counts.GetValueOrDefault(s.Text) >= 2 && acting.Contains(s.Text):
                return Raise(actor, RepeatedWordConfidence);
            case SuggestionReasons.CapitalisedWord when acting.Contains(s.Text) && s.Text.Length > 1:
                return Raise(actor, ActingWordConfidence);
            case SuggestionReasons.CapitalisedSequence when s.ActorKind == ActorKind.Person && acting.Contains(s.Text):
                return Raise(actor, PersonNameConfidence);
            default:
                return actor;
        }
    }

    /// <summary>Words before a name that say nothing about it (articles, prepositions, pronouns, copulas, naming verbs).</summary>
    private static readonly HashSet<string> FunctionWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "from", "with", "by", "and", "or", "but", "as", "near", "into", "onto", "over",
        "under", "about", "after", "before", "during", "between", "against", "without", "within", "through", "across", "behind", "beyond",
        "toward", "towards", "via", "per", "than", "like", "including", "outside", "inside", "around", "since", "until", "while", "when",
        "where", "whose", "which", "that", "this", "these", "those", "its", "their", "his", "her", "our", "your", "my", "is", "was", "are",
        "were", "be", "been", "new", "old", "called", "named", "dubbed", "titled", "entitled",
    };

    /// <summary>Words after a name that make it the one who acts: reporting verbs, auxiliaries, a relative "who".</summary>
    private static readonly HashSet<string> ActingWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "told", "tells", "added", "adds", "wrote", "writes", "explained", "insisted", "argued", "warned", "claimed",
        "confirmed", "denied", "announced", "noted", "tweeted", "asked", "replied", "responded", "who", "has", "have", "had", "is", "was",
        "will", "would", "could", "can", "may", "might", "should", "must", "did", "does",
    };

    /// <summary>A capitalised pair is shown as a person only when the text treats it as one: its surname comes back alone
    /// ("Mr Matheson"), a role or a verb in lower case stands right before it ("activist Taha Bouhafs", "derided Vivek
    /// Ramaswamy"), it speaks or is described ("Eloise Parry, 21,", "Pramod Dandia, who runs"), or it has an initial
    /// ("Carissa F. Etienne"). A play, a station or a team ("La Mouche", "Gare du Nord", "Animal Care Team") has none.</summary>
    private static bool ActsAsPerson(string text, List<Token> tokens, List<FoundActor> kept, int index)
    {
        var actor = kept[index];
        var surname = tokens[actor.ToToken - 1].Text;
        if (kept.Any(a => a.FromToken != actor.FromToken && a.ToToken - a.FromToken == 1 && tokens[a.FromToken].Text == surname && a.Suggestion.ActorKind == ActorKind.Person))
        {
            return true;
        }

        for (var t = actor.FromToken; t < actor.ToToken; t++)
        {
            if (tokens[t].IsInitial)
            {
                return true;
            }
        }

        // "Keir Starmer’s government": whoever owns something acts.
        if (tokens[actor.ToToken - 1].Possessive)
        {
            return true;
        }

        // A role or a verb right before ("activist Taha Bouhafs"), or a role and a comma ("The priest, Fidelis Mukonori").
        var start = actor.Suggestion.Start;
        var apposition = start >= 2 && text[start - 2] == ',' && text[start - 1] == ' ';
        if ((!tokens[actor.FromToken].BreakBefore || apposition) && actor.FromToken > 0 && tokens[actor.FromToken - 1] is { } before
            && char.IsLower(before.Text[0]) && !FunctionWords.Contains(before.Text) && !before.Possessive)
        {
            return true;
        }

        var after = actor.ToToken < tokens.Count ? tokens[actor.ToToken] : default;
        if (actor.ToToken < tokens.Count && ActingWords.Contains(after.Text) && (!after.BreakBefore || text[actor.Suggestion.End] == ','))
        {
            return true;
        }

        // "Vladimir Putin met the envoy": a name that does something in the past tense.
        if (actor.ToToken < tokens.Count && !after.BreakBefore && (PastTenseVerbs.Contains(after.Text) || (after.Text.Length > 4 && after.Text.EndsWith("ed", StringComparison.Ordinal) && char.IsLower(after.Text[0]))))
        {
            return true;
        }

        // "Eloise Parry, 21, was": an age in commas after a name.
        return actor.ToToken < tokens.Count && text[actor.Suggestion.End] == ',' && after.Text.All(char.IsAsciiDigit);
    }

    /// <summary>One mention of a lone capitalised word that acts: it owns something ("Coachella’s"), is the subject or the
    /// object of a verb that needs a person or a body ("Coachella has had", "Fiona, said", "tells Efe"), is where something
    /// is ("in Baliguda", "Kandhamal district"), or is a body named by its head ("the Court", "the Government").</summary>
    private static bool ActsAlone(string text, List<Token> tokens, List<FoundActor> kept, int index)
    {
        var actor = kept[index];
        var token = tokens[actor.FromToken];
        var before = actor.FromToken > 0 ? tokens[actor.FromToken - 1].Text : string.Empty;
        var after = actor.ToToken < tokens.Count ? tokens[actor.ToToken] : default;
        if (token.Possessive || (!token.BreakBefore && (before is "in" or "from" or "told" or "tells" || (before is "the" or "The" && Gazetteer.GovernmentHeads.Contains(token.Text)))))
        {
            return true;
        }

        // The verb follows directly or after the comma of an apposition ("her mother, Fiona, said"), not after a quote.
        var joined = actor.ToToken < tokens.Count && (!after.BreakBefore || text.AsSpan(actor.Suggestion.End, after.Start - actor.Suggestion.End) is ", ");
        return joined && (ActingWords.Contains(after.Text) || (!after.BreakBefore && AreaNouns.Contains(after.Text)));
    }

    private static readonly HashSet<string> PastTenseVerbs = new(StringComparer.Ordinal)
    {
        "met", "went", "took", "gave", "made", "came", "won", "lost", "led", "left", "held", "ran", "sent", "saw", "got", "put", "spoke",
        "became", "began", "brought", "bought", "found", "kept", "paid", "sat", "stood", "struck", "fell", "felt", "knew", "thought",
        "sought", "told", "wrote", "chose", "drove", "flew", "grew", "hit", "let", "meant", "quit", "rose", "sold", "shot", "signed",
    };

    private static readonly HashSet<string> AreaNouns = new(StringComparer.Ordinal)
    {
        "district", "county", "state", "province", "region", "city", "town", "village", "block", "borough", "municipality", "constituency",
    };

    /// <summary>"Cathedral City, La Quinta, Desert Hot Springs and Palm Springs": names joined only by commas and "and" are
    /// of a kind, so when one of them is listed or sure (shown before any evidence is weighed), all of them are actors.</summary>
    private static bool[] InListsOfActors(string text, List<FoundActor> kept)
    {
        var listed = new bool[kept.Count];
        var from = 0;
        while (from < kept.Count)
        {
            var to = from + 1;
            while (to < kept.Count && IsListGap(text.AsSpan(kept[to - 1].Suggestion.End, Math.Max(0, kept[to].Suggestion.Start - kept[to - 1].Suggestion.End))))
            {
                to++;
            }

            if (to - from > 1 && kept.Skip(from).Take(to - from).Any(a => a.Suggestion.Confidence >= Suggestion.ShownByDefault))
            {
                Array.Fill(listed, true, from, to - from);
            }

            from = to;
        }

        return listed;
    }

    private static bool IsListGap(ReadOnlySpan<char> gap) => gap is ", " or " and " or ", and " or " or " or ", or ";

    private static FoundActor Raise(FoundActor actor, double confidence) =>
        actor.Suggestion.Confidence >= confidence ? actor : actor with { Suggestion = actor.Suggestion with { Confidence = confidence } };

    private static FoundActor Lower(FoundActor actor, double confidence) =>
        actor.Suggestion.Confidence <= confidence ? actor : actor with { Suggestion = actor.Suggestion with { Confidence = confidence } };

    private static readonly string[] NamingPhrases = ["known as ", "called ", "dubbed ", "named "];

    private static readonly HashSet<string> PersonNouns = new(StringComparer.Ordinal)
    {
        "man", "woman", "boy", "girl", "person", "child", "baby", "son", "daughter", "brother", "sister", "father", "mother", "husband",
        "wife", "friend", "partner", "teenager", "student", "resident", "suspect", "victim", "officer", "player", "who", "has", "have", "had",
        "men", "women", "people", "someone", "somebody", "he", "she", "they",
    };

    private static readonly HashSet<string> Copulas = new(StringComparer.Ordinal) { "was", "is", "were", "are", "been", "being", "be" };

    /// <summary>Only the rules that guess from capitals; lists, the registry, titles and known surnames are not second-guessed here.</summary>
    private static bool IsGuessed(Suggestion s) =>
        s.Reason is SuggestionReasons.CapitalisedAcronym or SuggestionReasons.CapitalisedWord or SuggestionReasons.CapitalisedSequence;

    /// <summary>Whether a naming phrase stands just before the name after a word in lower case that is neither a body's head
    /// nor a person ("a chemical called DNP", "dinitrophenol, known as DNP", "the animal, which was named “Siskiyou”"; not
    /// "a group known as ISIS", "a man named John Ward", "the club has named John Ward", "named John Ward as coach").</summary>
    private static bool NamesAThing(string text, int start, int end)
    {
        var quote = start;
        while (quote > 0 && text[quote - 1] is '“' or '"' or '‘' or '\'')
        {
            quote--;
        }

        foreach (var phrase in NamingPhrases)
        {
            var at = quote - phrase.Length;
            if (at <= 0 || !text.AsSpan(at, phrase.Length).SequenceEqual(phrase))
            {
                continue;
            }

            // "named John Ward as head coach", "named him to the board": an appointment, not a name given.
            if (phrase == "named " && (text.AsSpan(end).StartsWith(" as ", StringComparison.Ordinal) || text.AsSpan(end).StartsWith(" to ", StringComparison.Ordinal)))
            {
                return false;
            }

            var word = WordBefore(text, at, out var wordStart);
            if (Copulas.Contains(word))
            {
                word = WordBefore(text, wordStart, out _) is "which" or "that" ? "which" : word;
            }

            if (word == "which")
            {
                return true;
            }

            var head = word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
            return word.Length > 0 && char.IsLower(word[0]) && !Copulas.Contains(word) && !PersonNouns.Contains(word) && !Gazetteer.TitleHeads.Contains(word)
                && !IsBodyHead(head) && !IsBodyHead(head.TrimEnd('s'));
        }

        return false;
    }

    /// <summary>The word that ends before <paramref name="at"/>, past spaces and commas.</summary>
    private static string WordBefore(string text, int at, out int wordStart)
    {
        var end = at;
        while (end > 0 && text[end - 1] is ' ' or ',')
        {
            end--;
        }

        wordStart = end;
        while (wordStart > 0 && char.IsLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        return text[wordStart..end];
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
            // A name alone between paragraphs is a label; a text that is only a name (a new actor's kind) is that name.
            if (IsShouted(block) || IsBreadcrumb(block) || (block.Length < text.Length && IsLabel(block)) || StartsWithAny(block, CreditOpeners))
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

    /// <summary>"Facebook", "West Mercia Police": a block of a few capitalised words and nothing else is an image's
    /// credit or a section label, not a sentence that mentions anyone.</summary>
    private static bool IsLabel(ReadOnlySpan<char> block)
    {
        var words = 0;
        var wordStart = true;
        foreach (var c in block)
        {
            if (char.IsWhiteSpace(c))
            {
                wordStart = true;
                continue;
            }

            if (wordStart)
            {
                words++;
                if (!char.IsUpper(c) || words > LabelMaxWords)
                {
                    return false;
                }
            }

            wordStart = false;
            if (c is '.' or '!' or '?' or ',' or ':' or ';' or '"' or '“' or '”')
            {
                return false;
            }
        }

        return words > 0;
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
