using NewsTracker.Web.Domain;
namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>What a registry or gazetteer phrase stands for.</summary>
internal sealed record ActorEntry(string Name, ActorKind Kind, string Reason, double Confidence, int? ActorId, bool IsMedia);

/// <summary>An actor mention with the tokens it covers, so attribution can find speakers next to verbs.</summary>
internal sealed record FoundActor(int FromToken, int ToToken, Suggestion Suggestion, bool IsMedia);

/// <summary>
/// Finds actor mentions in one left-to-right pass over the tokens: titles before names, registry and
/// gazetteer phrases (longest match), then capitalised sequences; lone capitalised words are decided at the
/// end, when every full name in the text is known ("Hegseth" after "Pete Hegseth").
/// </summary>
internal sealed class ActorRecognizer
{
    private const double RegistryConfidence = 0.95;
    private const double GazetteerConfidence = 0.9;
    private const double TitleConfidence = 0.85;
    private const double SurnameConfidence = 0.8;
    private const double InstitutionSequenceConfidence = 0.7;
    private const double PersonSequenceConfidence = 0.65;
    private const double OtherSequenceConfidence = 0.5;
    private const double AcronymConfidence = 0.5;
    private const double WordConfidence = 0.4;
    private const int MaxNameTokens = 4;
    private const int MaxTitleTokens = 4;
    private const int MaxPersonSequenceTokens = 4;
    private const int MaxConnectorsInRow = 2;

    private static readonly PhraseIndex<ActorEntry> GazetteerIndex = BuildGazetteer();
    private static readonly HashSet<string> NameParticles = new(StringComparer.Ordinal) { "de", "del", "della", "da", "di", "dos", "du", "von", "van", "der", "den", "le", "la", "bin", "ibn", "al", "el" };
    private static readonly HashSet<string> Articles = new(StringComparer.Ordinal) { "The", "A", "An" };

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly PhraseIndex<ActorEntry> _registry;
    private readonly HashSet<string> _seenLowercase = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Name, int? ActorId)> _surnames = new(StringComparer.Ordinal);
    private readonly List<FoundActor> _found = [];
    private readonly List<int> _loneWords = [];

    private ActorRecognizer(string text, List<Token> tokens, PhraseIndex<ActorEntry> registry)
    {
        _text = text;
        _tokens = tokens;
        _registry = registry;
        foreach (var token in tokens)
        {
            if (char.IsLower(token.Text[0]))
            {
                _seenLowercase.Add(token.Text);
            }
        }
    }

    public static PhraseIndex<ActorEntry> BuildRegistry(IReadOnlyList<KnownActor> registry)
    {
        var index = new PhraseIndex<ActorEntry>();
        foreach (var actor in registry)
        {
            index.Add(actor.Name, new ActorEntry(actor.Name, actor.Kind, SuggestionReasons.RegistryName, RegistryConfidence, actor.Id, IsMedia: false));
            foreach (var alias in actor.Aliases)
            {
                index.Add(alias, new ActorEntry(actor.Name, actor.Kind, SuggestionReasons.RegistryAlias, RegistryConfidence, actor.Id, IsMedia: false));
            }
        }

        return index;
    }

    public static List<FoundActor> Recognise(string text, List<Token> tokens, PhraseIndex<ActorEntry> registry, IReadOnlyList<KnownActor> knownActors)
    {
        var recognizer = new ActorRecognizer(text, tokens, registry);
        foreach (var actor in knownActors)
        {
            recognizer.RememberSurname(actor.Name, actor.Kind, actor.Id);
        }

        recognizer.Scan();
        recognizer.ResolveLoneWords();
        recognizer._found.Sort((a, b) => a.FromToken.CompareTo(b.FromToken));
        return PageContext.Calibrate(text, tokens, recognizer._found);
    }

    private void Scan()
    {
        var i = 0;
        while (i < _tokens.Count)
        {
            if (TryTitle(i, out var titleEnd, out var nameEnd))
            {
                EmitTitled(i, titleEnd, nameEnd);
                i = nameEnd;
            }
            else if (_tokens[i].IsCapitalised)
            {
                var end = GatherRun(i);
                ProcessRun(i, end);
                i = end;
            }
            else if (Match(i) is { Length: > 0 } match)
            {
                Emit(i, i + match.Length, match.Entry!, roleHint: null);
                i += match.Length;
            }
            else
            {
                i++;
            }
        }
    }

    /// <summary>Registry first: on equal length a registry phrase beats the gazetteer, and it carries the id.</summary>
    private (int Length, ActorEntry? Entry) Match(int start)
    {
        var registry = _registry.IsEmpty ? (0, null) : _registry.LongestMatch(_tokens, start);
        var gazetteer = GazetteerIndex.LongestMatch(_tokens, start);
        return registry.Length >= gazetteer.Length && registry.Length > 0 ? registry : gazetteer;
    }

    /// <summary>A run of capitalised words joined by spaces and name connectors, stopping before a title that
    /// introduces a name ("Russian | President Vladimir Putin") and after a possessive.</summary>
    private int GatherRun(int start)
    {
        var end = start + 1;
        while (end < _tokens.Count && !_tokens[end - 1].Possessive)
        {
            var token = _tokens[end];
            if (token.BreakBefore)
            {
                break;
            }

            if (token.IsCapitalised)
            {
                if (Gazetteer.NeverNames.Contains(token.Text))
                {
                    break;
                }

                if (TryTitle(end, out _, out _))
                {
                    // "Miami-Dade Police Detective Alvaro Zabaleta": the force ends the run and the title starts after it.
                    if (IsInstitutionWord(token.Text) && TryTitle(end + 1, out _, out _))
                    {
                        end++;
                    }

                    break;
                }

                end++;
                continue;
            }

            var after = end;
            while (after < _tokens.Count && after - end < MaxConnectorsInRow && Gazetteer.NameConnectors.Contains(_tokens[after].Text) && !_tokens[after].BreakBefore)
            {
                after++;
            }

            // "Bank of England" is one name, "Ruth Chepngetich of Kenya" is two; particles ("von", "al") always join.
            // "Office for Students" and "University and College Union" join too: "for" after an institution word,
            // "and" when what follows ends in one (or the name already took a "for").
            var joins = NameParticles.Contains(token.Text) || Gazetteer.OfNames.Contains(_tokens[end - 1].Text)
                || (token.Text == "for" && Gazetteer.ForNames.Contains(_tokens[end - 1].Text))
                || (token.Text == "and" && (HasFor(start, end) || EndsInInstitution(end + 1)));
            after = token.Text is "for" or "and" ? end + 1 : after;
            if (joins && after > end && after < _tokens.Count && !_tokens[after].BreakBefore && _tokens[after].IsCapitalised && !Gazetteer.NeverNames.Contains(_tokens[after].Text))
            {
                end = after;
                continue;
            }

            break;
        }

        return end;
    }

    private bool HasFor(int start, int end)
    {
        for (var t = start; t < end; t++)
        {
            if (_tokens[t].Text == "for")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the capitalised run starting at <paramref name="start"/> ends in an organisation or government word.</summary>
    private bool EndsInInstitution(int start)
    {
        var t = start;
        while (t < _tokens.Count && t - start < MaxNameTokens && _tokens[t].IsCapitalised && (t == start || !_tokens[t].BreakBefore))
        {
            t++;
        }

        return t > start && (Gazetteer.OrganisationHeads.Contains(_tokens[t - 1].Text) || Gazetteer.GovernmentHeads.Contains(_tokens[t - 1].Text));
    }

    private void ProcessRun(int start, int end)
    {
        if (_tokens[start].InHeadline)
        {
            // Capitals in a Title-Case line say nothing; only listed phrases count there.
            for (var t = start; t < end;)
            {
                var listed = Match(t);
                if (listed.Length > 0)
                {
                    Emit(t, t + listed.Length, listed.Entry!, roleHint: null);
                }

                t += Math.Max(listed.Length, 1);
            }

            return;
        }

        start = SkipLeadingNonNames(start, end);
        if (start >= end)
        {
            return;
        }

        // "Missouri U.S. Sen." holds two names: a country inside a run (after a capitalised word, not a connector) starts its own.
        for (var t = start + Math.Max(1, Match(start).Length); t < end; t++)
        {
            if (_tokens[t - 1].IsCapitalised && Match(t) is { Length: > 0, Entry.Kind: ActorKind.Country })
            {
                ProcessRun(start, t);
                ProcessRun(t, end);
                return;
            }
        }

        var match = Match(start);
        if (match.Length > 0)
        {
            var entry = match.Entry!;
            if (start + match.Length == end)
            {
                Emit(start, end, entry, roleHint: null);
                return;
            }

            // "Jordan Henderson" and "UK Defence Ministry" are one name each; only a registry hit is kept apart,
            // and a listed name before a role ("Labour MP", "SNP Cabinet Minister"), where the role is no name.
            if (entry.ActorId is not null || _tokens[start].InHeadline || IsRoleOnly(start + match.Length, end))
            {
                Emit(start, start + match.Length, entry, roleHint: null);
                ProcessRun(start + match.Length, end);
                return;
            }
        }

        EmitSequence(start, end);
    }

    private bool IsRoleOnly(int start, int end)
    {
        for (var t = start; t < end; t++)
        {
            if (!Gazetteer.TitleHeads.Contains(_tokens[t].Text) && !Gazetteer.TitleModifiers.Contains(_tokens[t].Text))
            {
                return false;
            }
        }

        return Gazetteer.TitleHeads.Contains(_tokens[end - 1].Text);
    }

    private int SkipLeadingNonNames(int start, int end)
    {
        while (start < end)
        {
            var token = _tokens[start];
            var text = token.Text;
            if (Gazetteer.NameConnectors.Contains(text) || Gazetteer.NeverNames.Contains(text))
            {
                start++;
                continue;
            }

            if (Match(start).Length > 0)
            {
                return start;
            }

            // A capital "The" inside a sentence belongs to a name ("The Lancet"); at a sentence start it does not.
            if (IsClauseInitial(token) && (Articles.Contains(text) || Gazetteer.SentenceOpeners.Contains(text) || _seenLowercase.Contains(text)))
            {
                start++;
                continue;
            }

            // "Calling Azerbaijan’s stance fair": a clause-initial -ing word is a verb; "SOUTHWEST", "BUNGLING" are shouting.
            if ((IsClauseInitial(token) && text.EndsWith("ing", StringComparison.Ordinal)) || Gazetteer.IsGroupNoun(text)
                || Gazetteer.CompassPrefixes.Contains(text) || (text.Length > 5 && token.IsAcronym && Match(start).Length == 0))
            {
                start++;
                continue;
            }

            // "Ukrainian servicemen" names nobody; "Ukrainian Defence Ministry" does.
            if (Gazetteer.IsDemonym(text) && !EndsWithInstitution(start, end))
            {
                start++;
                continue;
            }

            return start;
        }

        return start;
    }

    private bool EndsWithInstitution(int start, int end)
    {
        for (var t = start + 1; t < end; t++)
        {
            if (Gazetteer.OrganisationHeads.Contains(_tokens[t].Text) || Gazetteer.GovernmentHeads.Contains(_tokens[t].Text) || Gazetteer.OfNames.Contains(_tokens[t].Text))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsClauseInitial(Token token)
    {
        if (token.SentenceStart)
        {
            return true;
        }

        var p = token.Start - 1;
        while (p >= 0 && _text[p] == ' ')
        {
            p--;
        }

        if (p >= 0 && _text[p] == '"')
        {
            // A straight quote opens when a space or the start of the text stands before it.
            return p == 0 || char.IsWhiteSpace(_text[p - 1]);
        }

        return p < 0 || _text[p] is '“' or '‘' or ':' or '(' or '\n' or '—' or '–';
    }

    private void EmitSequence(int start, int end)
    {
        var last = _tokens[end - 1].Text;
        if (_tokens[start].InHeadline || Gazetteer.TitleHeads.Contains(last) || Gazetteer.IsDemonym(last) || Gazetteer.NonActorHeads.Contains(last))
        {
            return;
        }

        if (end - start == 1)
        {
            _loneWords.Add(start);
            return;
        }

        // "Constitutional Court of Turkey", "Office for Students": the head stands before the connector.
        var head = HeadBeforeConnector(start, end) ?? last;
        var (kind, confidence) = Gazetteer.GovernmentHeads.Contains(head) ? (ActorKind.GovernmentBody, InstitutionSequenceConfidence)
            : Gazetteer.OrganisationHeads.Contains(head) ? (ActorKind.Organisation, InstitutionSequenceConfidence)
            : Gazetteer.AreaHeads.Contains(last) ? (ActorKind.Other, InstitutionSequenceConfidence)
            : Gazetteer.PlaceHeads.Contains(last) || end - start > MaxPersonSequenceTokens || HasConnector(start, end) ? (ActorKind.Other, OtherSequenceConfidence)
            : (ActorKind.Person, PersonSequenceConfidence);
        var name = NormaliseName(start, end);
        if (kind == ActorKind.Person)
        {
            RememberSurname(name, kind, actorId: null);
        }

        Add(start, end, name, kind, confidence, SuggestionReasons.CapitalisedSequence, actorId: null, roleHint: null, isMedia: false);
    }

    private string? HeadBeforeConnector(int start, int end)
    {
        for (var t = start + 1; t < end; t++)
        {
            if (_tokens[t].Text is "of" or "for")
            {
                return _tokens[t - 1].Text;
            }
        }

        return null;
    }

    private bool HasConnector(int start, int end)
    {
        for (var t = start; t < end; t++)
        {
            if (!_tokens[t].IsCapitalised && !NameParticles.Contains(_tokens[t].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Modifiers and heads ("US" is already taken; "Defence Secretary", "former Prime Minister",
    /// "Secretary of State"), ending on a head, followed directly by a capitalised name.</summary>
    private bool TryTitle(int start, out int titleEnd, out int nameEnd)
    {
        titleEnd = start;
        nameEnd = start;
        var lastHead = -1;
        for (var t = start; t < _tokens.Count && t - start < MaxTitleTokens; t++)
        {
            var token = _tokens[t];
            if (t > start && (token.BreakBefore || _tokens[t - 1].Possessive))
            {
                break;
            }

            var isHead = Gazetteer.TitleHeads.Contains(token.Text) || (t > start && token.Text == "General");
            if (isHead)
            {
                lastHead = t;
            }
            else if (!Gazetteer.TitleModifiers.Contains(token.Text))
            {
                break;
            }
        }

        if (lastHead < 0)
        {
            return false;
        }

        titleEnd = lastHead + 1;
        nameEnd = GatherName(titleEnd);
        if (nameEnd == titleEnd && titleEnd + 2 < _tokens.Count && _tokens[titleEnd].Text == "of" && !_tokens[titleEnd].BreakBefore
            && _tokens[titleEnd + 1].IsCapitalised && !_tokens[titleEnd + 1].BreakBefore)
        {
            titleEnd += 2;
            nameEnd = GatherName(titleEnd);
        }

        return nameEnd > titleEnd;
    }

    private int GatherName(int start)
    {
        var end = start;
        while (end < _tokens.Count && end - start < MaxNameTokens)
        {
            var token = _tokens[end];
            if (token.BreakBefore || (end > start && _tokens[end - 1].Possessive))
            {
                break;
            }

            var particle = end > start && NameParticles.Contains(token.Text) && end + 1 < _tokens.Count && _tokens[end + 1].IsCapitalised;
            if (!particle && (!token.IsCapitalised || Gazetteer.NeverNames.Contains(token.Text) || Gazetteer.IsDemonym(token.Text)
                || Gazetteer.TitleHeads.Contains(token.Text) || Gazetteer.SentenceOpeners.Contains(token.Text)))
            {
                break;
            }

            end++;
        }

        // "Premier League" is an organisation, not a premier called League.
        if (end > start && IsInstitutionWord(_tokens[start].Text))
        {
            return start;
        }

        // A title before a country or organisation ("Minister Ukraine") is not a person's name.
        if (end > start && Match(start) is { Length: > 0, Entry: { } entry } && entry.Kind != ActorKind.Person)
        {
            return start;
        }

        return end;
    }

    private static bool IsInstitutionWord(string word) =>
        Gazetteer.OrganisationHeads.Contains(word) || Gazetteer.GovernmentHeads.Contains(word) || Gazetteer.PlaceHeads.Contains(word) || Gazetteer.NonActorHeads.Contains(word);

    private void EmitTitled(int titleStart, int titleEnd, int nameEnd)
    {
        var role = _text[_tokens[titleStart].Start.._tokens[titleEnd - 1].End];
        if (Match(titleEnd) is { Length: > 0, Entry: { } entry } match && titleEnd + match.Length == nameEnd)
        {
            Emit(titleEnd, nameEnd, entry, role);
            return;
        }

        var name = NormaliseName(titleEnd, nameEnd);
        RememberSurname(name, ActorKind.Person, actorId: null);
        if (nameEnd - titleEnd == 1)
        {
            _surnames.TryAdd(name, (name, null));
        }
        Add(titleEnd, nameEnd, name, ActorKind.Person, TitleConfidence, SuggestionReasons.TitleAndName, actorId: null, role, isMedia: false);
    }

    private void Emit(int start, int end, ActorEntry entry, string? roleHint)
    {
        RememberSurname(entry.Name, entry.Kind, entry.ActorId);
        Add(start, end, entry.Name, entry.Kind, entry.Confidence, entry.Reason, entry.ActorId, roleHint, entry.IsMedia);
    }

    private void RememberSurname(string name, ActorKind kind, int? actorId)
    {
        var space = name.LastIndexOf(' ');
        if (kind == ActorKind.Person && space > 0)
        {
            _surnames.TryAdd(name[(space + 1)..], (name, actorId));
        }
    }

    /// <summary>A lone capitalised word is a surname of someone named in full anywhere in the text, an acronym,
    /// or (away from the start of a sentence, and never seen in lower case) some other name.</summary>
    private void ResolveLoneWords()
    {
        // A word taken as a name in mid-sentence is a name at a sentence start too ("Coachella has had ...").
        var names = _loneWords.Where(i => !IsClauseInitial(_tokens[i]) && !_seenLowercase.Contains(_tokens[i].Text))
            .Select(i => _tokens[i].Text).ToHashSet(StringComparer.Ordinal);
        foreach (var index in _loneWords)
        {
            var token = _tokens[index];
            if (_surnames.TryGetValue(token.Text, out var person))
            {
                Add(index, index + 1, person.Name, ActorKind.Person, SurnameConfidence, SuggestionReasons.SurnameOfNamedPerson, person.ActorId, roleHint: null, isMedia: false);
            }
            else if (token.IsAcronym)
            {
                // "FOX 2" is a station: a short number right after an acronym belongs to the name.
                var end = index + 1 < _tokens.Count && !_tokens[index + 1].BreakBefore && _tokens[index + 1].Text.Length <= 2
                    && _tokens[index + 1].Text.All(char.IsAsciiDigit) ? index + 2 : index + 1;
                Add(index, end, NormaliseName(index, end), ActorKind.Organisation, AcronymConfidence, SuggestionReasons.CapitalisedAcronym, actorId: null, roleHint: null, isMedia: false);
            }
            else if ((!IsClauseInitial(token) || names.Contains(token.Text)) && !_seenLowercase.Contains(token.Text) && !Gazetteer.IsGroupNoun(token.Text) && token.Text.IndexOfAny(['’', '\'']) < 0)
            {
                Add(index, index + 1, token.Text, ActorKind.Other, WordConfidence, SuggestionReasons.CapitalisedWord, actorId: null, roleHint: null, isMedia: false);
            }
        }
    }

    private string NormaliseName(int start, int end) => string.Join(' ', _tokens.Skip(start).Take(end - start).Select(t => t.Text));

    private void Add(int start, int end, string name, ActorKind kind, double confidence, string reason, int? actorId, string? roleHint, bool isMedia)
    {
        var from = _tokens[start].Start;
        var to = _tokens[end - 1].End;

        // "Larry Wallace Jr.": the point of a suffix is part of the name, as editors select it.
        if (_tokens[end - 1].Text is "Jr" or "Sr" && to < _text.Length && _text[to] == '.')
        {
            to++;
            name += ".";
        }
        var suggestion = new Suggestion(SuggestionKind.ActorMention, from, to, _text[from..to], name, confidence, reason)
        {
            ActorKind = kind,
            ActorId = actorId,
            RoleHint = roleHint,
        };
        _found.Add(new FoundActor(start, end, suggestion, isMedia));
    }

    private static PhraseIndex<ActorEntry> BuildGazetteer()
    {
        var index = new PhraseIndex<ActorEntry>();
        foreach (var (surface, canonical, kind, reason, isMedia) in Gazetteer.Entries())
        {
            index.Add(surface, new ActorEntry(canonical, kind, reason, GazetteerConfidence, ActorId: null, isMedia));
        }

        return index;
    }
}
