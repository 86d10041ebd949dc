using NewsTracker.Web.Domain;
namespace NewsTracker.Web.Annotations.Suggestions;

/// <summary>
/// Finds attributions: "according to …", "reportedly", official and anonymous sources ("a White House
/// official", "sources familiar with the talks"), documents, and a speaker next to a reporting verb
/// ("Hegseth cast doubt", "said Mr Lee"). Overlaps are settled by rule strength, then length.
/// </summary>
internal sealed class SourceRecognizer
{
    private const double PhraseConfidence = 0.85;
    private const double SpeakerConfidence = 0.8;
    private const double PronounConfidence = 0.6;
    private const double PersonPronounConfidence = 0.75;
    private const double UnsaidNounConfidence = 0.55;
    private const int VerbReach = 8;
    private const int MaxNounPhraseTokens = 6;
    private const int MaxSourceModifiers = 5;
    private const int MaxTitleTokensBetween = 3;
    private const int StrongRule = 0;
    private const int SpeakerRule = 1;

    private static readonly HashSet<string> ReportingVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "said", "says", "say", "told", "tells", "added", "adds", "acknowledged", "acknowledging", "acknowledges", "admitted",
        "admits", "warned", "warns", "claimed", "claims", "confirmed", "confirms", "denied", "denies", "insisted", "insists",
        "stated", "announced", "announces", "argued", "argues", "noted", "hinted", "explained", "reported", "wrote", "tweeted",
    };

    private static readonly HashSet<string> DoubtVerbs = new(StringComparer.OrdinalIgnoreCase) { "cast", "casts", "casting" };

    private static readonly HashSet<string> BetweenSpeakerAndVerb = new(StringComparer.OrdinalIgnoreCase)
    {
        "also", "later", "has", "had", "have", "previously", "then", "repeatedly", "publicly", "recently", "earlier", "again", "had",
    };

    private static readonly HashSet<string> OfficialHeads = new(StringComparer.OrdinalIgnoreCase)
    {
        "official", "officials", "spokesperson", "spokesman", "spokeswoman", "spokespeople", "aide", "aides", "diplomat", "diplomats",
        "minister", "ministers",
    };

    private static readonly HashSet<string> AnonymousHeads = new(StringComparer.OrdinalIgnoreCase) { "source", "sources", "insider", "insiders" };
    private static readonly HashSet<string> PeopleHeads = new(StringComparer.OrdinalIgnoreCase) { "people", "person" };
    private static readonly HashSet<string> AnonymityWords = new(StringComparer.OrdinalIgnoreCase) { "anonymous", "unnamed", "anonymity" };

    private static readonly HashSet<string> SourceModifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "one", "two", "three", "several", "some", "many", "senior", "unnamed", "anonymous", "other", "administration",
        "government", "military", "intelligence", "defence", "defense", "security", "police", "western", "foreign", "local", "top",
        "former", "the", "its", "his", "her", "their", "council", "company", "club", "health", "european", "us", "european",
    };

    private static readonly HashSet<string> NounPhraseStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "that", "which", "who", "on", "in", "last", "this", "earlier", "as", "and", "while", "when", "but", "because", "is", "are",
        "was", "were", "has", "have", "had", "will", "would", "could", "to",
    };

    private static readonly HashSet<string> AfterSourceNoun = new(StringComparer.OrdinalIgnoreCase)
    {
        "who", "speaking", "has", "had", "have", "is", "was", "were", "are", "declined", "did", "also", "later", "privately", "in", "at", "from", "for",
    };

    private static readonly HashSet<string> FamiliarityOpeners = new(StringComparer.OrdinalIgnoreCase) { "familiar", "close", "briefed", "with" };
    private static readonly HashSet<string> Audiences = new(StringComparer.OrdinalIgnoreCase) { "reporters", "journalists", "the press" };
    private static readonly HashSet<string> Pronouns = new(StringComparer.OrdinalIgnoreCase) { "he", "she", "they", "it" };

    private static readonly (string[] Words, SourceKind Kind, bool TakesActor)[] FixedPhrases =
    [
        (["reportedly"], SourceKind.UnspecifiedReports, false),
        (["reports", "suggest"], SourceKind.UnspecifiedReports, false),
        (["reports", "say"], SourceKind.UnspecifiedReports, false),
        (["reports", "said"], SourceKind.UnspecifiedReports, false),
        (["reports", "indicate"], SourceKind.UnspecifiedReports, false),
        (["it", "is", "understood"], SourceKind.UnspecifiedReports, false),
        (["it", "was", "reported"], SourceKind.UnspecifiedReports, false),
        (["it", "is", "reported"], SourceKind.UnspecifiedReports, false),
        (["is", "said", "to"], SourceKind.UnspecifiedReports, false),
        (["are", "said", "to"], SourceKind.UnspecifiedReports, false),
        (["was", "said", "to"], SourceKind.UnspecifiedReports, false),
        (["court", "documents"], SourceKind.Document, false),
        (["court", "filings"], SourceKind.Document, false),
        (["documents", "seen", "by"], SourceKind.Document, true),
        (["in", "a", "statement"], SourceKind.Official, false),
        (["a", "statement", "from"], SourceKind.Official, true),
        (["figures", "released", "by"], SourceKind.Document, true),
        (["figures", "from"], SourceKind.Document, true),
        (["data", "from"], SourceKind.Document, true),
        (["a", "report", "by"], SourceKind.Document, true),
        (["a", "report", "from"], SourceKind.Document, true),
        (["a", "report", "in"], SourceKind.MediaReport, true),
        (["a", "study", "published", "in"], SourceKind.Document, true),
    ];

    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly List<FoundActor> _actors;
    private readonly int[] _actorStartingAt;
    private readonly int[] _actorEndingAt;
    private readonly int[] _previousActor;
    private readonly List<(int Rule, int FromToken, int ToToken, Suggestion Suggestion)> _candidates = [];

    private SourceRecognizer(string text, List<Token> tokens, List<FoundActor> actors)
    {
        _text = text;
        _tokens = tokens;
        _actors = actors;
        _actorStartingAt = new int[tokens.Count];
        _actorEndingAt = new int[tokens.Count];
        _previousActor = new int[tokens.Count];
        Array.Fill(_actorStartingAt, -1);
        Array.Fill(_actorEndingAt, -1);
        for (var a = 0; a < actors.Count; a++)
        {
            _actorStartingAt[actors[a].FromToken] = a;
            _actorEndingAt[actors[a].ToToken - 1] = a;
        }

        // The nearest actor earlier in the same sentence, a person if there is one: who a bare "said" belongs to.
        var lastActor = -1;
        var lastPerson = -1;
        for (var t = 0; t < tokens.Count; t++)
        {
            if (tokens[t].SentenceStart)
            {
                lastActor = -1;
                lastPerson = -1;
            }

            _previousActor[t] = lastPerson >= 0 ? lastPerson : lastActor;
            if (_actorEndingAt[t] is var ended and >= 0)
            {
                lastActor = ended;
                lastPerson = actors[ended].Suggestion.ActorKind == ActorKind.Person ? ended : lastPerson;
            }
        }
    }

    public static List<Suggestion> Recognise(string text, List<Token> tokens, List<FoundActor> actors)
    {
        var recognizer = new SourceRecognizer(text, tokens, actors);
        for (var t = 0; t < tokens.Count; t++)
        {
            recognizer.AccordingTo(t);
            recognizer.Fixed(t);
            recognizer.SourceNoun(t);
            recognizer.Speaker(t);
        }

        return recognizer.Settle();
    }

    private bool Is(int index, string word) =>
        index >= 0 && index < _tokens.Count && string.Equals(_tokens[index].Text, word, StringComparison.OrdinalIgnoreCase);

    private bool Joined(int index) => index < _tokens.Count && !_tokens[index].BreakBefore && !_tokens[index - 1].Possessive;

    private void AccordingTo(int t)
    {
        if (!Is(t, "according") || !Is(t + 1, "to") || !Joined(t + 1) || !Joined(t + 2))
        {
            return;
        }

        var end = t + 2;
        var actor = -1;
        while (end < _tokens.Count && end - (t + 2) < MaxNounPhraseTokens && (end == t + 2 || Joined(end)))
        {
            if (_actorStartingAt[end] is var a and >= 0)
            {
                actor = actor < 0 ? a : actor;
                end = _actors[a].ToToken;
                continue;
            }

            if (end > t + 2 && NounPhraseStops.Contains(_tokens[end].Text))
            {
                break;
            }

            end++;
            if (_tokens[end - 1].Possessive)
            {
                break;
            }
        }

        var words = _tokens.Skip(t + 2).Take(end - t - 2).Select(w => w.Text).ToList();
        var kind = KindOfNounPhrase(words, actor);
        AddCandidate(StrongRule, t, end, kind, PhraseConfidence, actor);
    }

    private SourceKind KindOfNounPhrase(List<string> words, int actor)
    {
        if (actor >= 0 && _actors[actor].Suggestion.ActorKind == ActorKind.Person)
        {
            return SourceKind.NamedPerson;
        }

        bool Has(IEnumerable<string> set) => words.Any(w => set.Contains(w, StringComparer.OrdinalIgnoreCase));
        if (Has(AnonymityWords) || Has(AnonymousHeads) || Has(PeopleHeads))
        {
            return SourceKind.Anonymous;
        }

        if (Has(OfficialHeads))
        {
            return SourceKind.Official;
        }

        if (Has(["documents", "document", "data", "figures", "statement", "filing", "filings", "records", "study", "survey", "analysis", "letter", "memo", "report", "estimates", "census", "research", "poll"]))
        {
            return words.Count > 0 && words[0].Equals("report", StringComparison.OrdinalIgnoreCase) ? SourceKind.MediaReport : SourceKind.Document;
        }

        if (Has(["reports"]))
        {
            return words.Count == 1 ? SourceKind.UnspecifiedReports : SourceKind.MediaReport;
        }

        if (actor >= 0)
        {
            return _actors[actor].IsMedia ? SourceKind.MediaReport : SourceKind.Official;
        }

        return Has(["media", "press", "newspaper", "broadcaster", "outlet"]) ? SourceKind.MediaReport : SourceKind.UnspecifiedReports;
    }

    private void Fixed(int t)
    {
        foreach (var (words, kind, takesActor) in FixedPhrases)
        {
            var matches = true;
            for (var w = 0; w < words.Length && matches; w++)
            {
                matches = Is(t + w, words[w]) && (w == 0 || Joined(t + w));
            }

            if (!matches)
            {
                continue;
            }

            var end = t + words.Length;
            var actor = -1;
            if (takesActor && end < _tokens.Count && Joined(end))
            {
                var first = Is(end, "the") ? end + 1 : end;
                if (first < _tokens.Count && _actorStartingAt[first] is var a and >= 0)
                {
                    actor = a;
                    end = _actors[a].ToToken;
                }
            }

            // "figures from her faction" are people; "figures from the ONS" are a document.
            if (takesActor && actor < 0 && words[0] is "figures" or "data")
            {
                continue;
            }

            var resolved = actor >= 0 && words[^1] == "in" && _actors[actor].IsMedia ? SourceKind.MediaReport : kind;
            AddCandidate(StrongRule, t, end, resolved, PhraseConfidence, actor);
        }
    }

    /// <summary>"a White House official", "Western diplomats", "sources familiar with the talks said".</summary>
    private void SourceNoun(int t)
    {
        var text = _tokens[t].Text;
        var people = PeopleHeads.Contains(text);
        if (!OfficialHeads.Contains(text) && !AnonymousHeads.Contains(text) && !people)
        {
            return;
        }

        // "spokesperson Dmitry Peskov" is a named person (the speaker rule covers it); "official position" is an adjective.
        if (t + 1 < _tokens.Count && Joined(t + 1)
            && (_tokens[t + 1].IsCapitalised || (!ReportingVerbs.Contains(_tokens[t + 1].Text) && !FamiliarityOpeners.Contains(_tokens[t + 1].Text) && !AfterSourceNoun.Contains(_tokens[t + 1].Text))))
        {
            return;
        }

        var start = t;
        while (start > 0 && t - start < MaxSourceModifiers && Joined(start)
            && (SourceModifiers.Contains(_tokens[start - 1].Text) || _tokens[start - 1].IsCapitalised))
        {
            start--;
        }

        var end = t + 1;
        var familiar = end < _tokens.Count && Joined(end) && FamiliarityOpeners.Contains(_tokens[end].Text);
        if (familiar)
        {
            end++;
            while (end < _tokens.Count && end - t <= MaxNounPhraseTokens && Joined(end) && !ReportingVerbs.Contains(_tokens[end].Text))
            {
                end++;
            }
        }
        else if (people)
        {
            return; // plain "people" are not a source
        }

        if (end < _tokens.Count && Joined(end) && ReportingVerbs.Contains(_tokens[end].Text))
        {
            end = ExtendOverAudience(end + 1);
        }

        var words = _tokens.Skip(start).Take(end - start).Select(w => w.Text).ToList();
        var anonymous = familiar || AnonymousHeads.Contains(text) || words.Any(AnonymityWords.Contains);
        var speaks = ReportingVerbs.Contains(_tokens[end - 1].Text) || VerbFollows(end) || (start >= 2 && Is(start - 2, "according"));
        if (!speaks && end - start == 1)
        {
            return; // "officials" alone, with nothing said: no attribution to offer
        }

        AddCandidate(StrongRule, start, end, anonymous ? SourceKind.Anonymous : SourceKind.Official, speaks ? PhraseConfidence : UnsaidNounConfidence, actor: -1);
    }

    /// <summary>"A spokesperson for the Scottish Parliament said": a reporting verb soon after, in the same sentence.</summary>
    private bool VerbFollows(int from)
    {
        for (var t = from; t < _tokens.Count && t - from < VerbReach && !_tokens[t].SentenceStart; t++)
        {
            if (ReportingVerbs.Contains(_tokens[t].Text))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a person was named earlier in the text, for "he said" to point at.</summary>
    private bool LastPersonBefore(int token)
    {
        for (var a = _actors.Count - 1; a >= 0; a--)
        {
            if (_actors[a].ToToken <= token && _actors[a].Suggestion.ActorKind == ActorKind.Person)
            {
                return true;
            }
        }

        return false;
    }

    private int ExtendOverAudience(int end)
    {
        if (end < _tokens.Count && Joined(end) && Audiences.Contains(_tokens[end].Text))
        {
            return end + 1;
        }

        return end + 1 < _tokens.Count && Joined(end) && Joined(end + 1) && Is(end, "the") && Is(end + 1, "press") ? end + 2 : end;
    }

    /// <summary>A reporting verb with the speaker directly before or after it, else the nearest actor in the sentence.</summary>
    private void Speaker(int t)
    {
        var doubt = DoubtVerbs.Contains(_tokens[t].Text) && Is(t + 1, "doubt") && Joined(t + 1);
        if (!doubt && !ReportingVerbs.Contains(_tokens[t].Text))
        {
            return;
        }

        var verbEnd = doubt ? t + 2 : ExtendOverAudience(t + 1);
        var before = SpeakerBefore(t);
        if (before >= 0)
        {
            AddCandidate(SpeakerRule, _actors[before].FromToken, verbEnd, KindOfSpeaker(before), SpeakerConfidence, before);
            return;
        }

        var after = SpeakerAfter(verbEnd);
        if (after >= 0)
        {
            AddCandidate(SpeakerRule, t, _actors[after].ToToken, KindOfSpeaker(after), SpeakerConfidence, after);
            return;
        }

        if (t > 0 && Joined(t) && Pronouns.Contains(_tokens[t - 1].Text))
        {
            var pronoun = _tokens[t - 1].Text;
            var kind = pronoun.Equals("it", StringComparison.OrdinalIgnoreCase) ? SourceKind.Official
                : pronoun.Equals("they", StringComparison.OrdinalIgnoreCase) ? SourceKind.UnspecifiedReports : SourceKind.NamedPerson;
            var person = kind == SourceKind.NamedPerson && LastPersonBefore(t - 1);
            AddCandidate(SpeakerRule, t - 1, verbEnd, kind, person ? PersonPronounConfidence : PronounConfidence, _previousActor[t - 1]);
            return;
        }

        // A verb with nobody next to it ("said") is not offered: an editor cannot tell from it who the source is.
    }

    private int SpeakerBefore(int verb)
    {
        var t = verb - 1;
        if (t >= 0 && Joined(verb) && BetweenSpeakerAndVerb.Contains(_tokens[t].Text))
        {
            verb = t;
            t--;
        }

        return t >= 0 && Joined(verb) && _actorEndingAt[t] is var a and >= 0 ? a : -1;
    }

    private int SpeakerAfter(int start)
    {
        for (var t = start; t < _tokens.Count && t - start <= MaxTitleTokensBetween && Joined(t); t++)
        {
            if (_actorStartingAt[t] is var a and >= 0)
            {
                return _actors[a].Suggestion.ActorKind == ActorKind.Person || t == start ? a : -1;
            }

            if (!Gazetteer.TitleHeads.Contains(_tokens[t].Text) && !Gazetteer.TitleModifiers.Contains(_tokens[t].Text))
            {
                return -1;
            }
        }

        return -1;
    }

    private SourceKind KindOfSpeaker(int actor) =>
        _actors[actor] switch
        {
            { IsMedia: true } => SourceKind.MediaReport,
            { Suggestion.ActorKind: ActorKind.Person } => SourceKind.NamedPerson,
            _ => SourceKind.Official,
        };

    private void AddCandidate(int rule, int fromToken, int toToken, SourceKind kind, double confidence, int actor)
    {
        var start = _tokens[fromToken].Start;
        var end = _tokens[toToken - 1].End;
        var speaker = actor >= 0 ? _actors[actor].Suggestion : null;
        var reason = rule == StrongRule ? SuggestionReasons.AttributionPhrase : SuggestionReasons.SpeechVerb;
        _candidates.Add((rule, fromToken, toToken, new Suggestion(SuggestionKind.Source, start, end, _text[start..end], speaker?.NormalisedName ?? _text[start..end], confidence, reason)
        {
            SourceKind = kind,
            ActorId = speaker?.ActorId,
        }));
    }

    /// <summary>Keeps non-overlapping spans: stronger rule first, then the longer span, then the earlier one.
    /// Spans are a few tokens long, so marking covered tokens keeps this linear.</summary>
    private List<Suggestion> Settle()
    {
        var covered = new bool[_tokens.Count];
        var kept = new List<Suggestion>();
        foreach (var (_, from, to, suggestion) in _candidates.OrderBy(c => c.Rule).ThenByDescending(c => c.ToToken - c.FromToken).ThenBy(c => c.FromToken))
        {
            if (Array.IndexOf(covered, true, from, to - from) >= 0)
            {
                continue;
            }

            Array.Fill(covered, true, from, to - from);
            kept.Add(suggestion);
        }

        kept.Sort((a, b) => a.Start.CompareTo(b.Start));
        return kept;
    }
}
