namespace NewsTracker.Web.Ingestion;

/// <summary>
/// Guesses the language of article text when the page or the journalist did not say it: the writing
/// system first (Han with kana is Japanese, Hangul Korean, Arabic, Cyrillic, Greek, Hebrew, Thai,
/// Devanagari), then, for Latin and Cyrillic text, which language's commonest short words occur most
/// often. Short function words are frequent in any running text, so a few hundred words decide reliably;
/// below <see cref="MinWords"/> words it says nothing rather than guess.
/// </summary>
public static class LanguageGuesser
{
    /// <summary>Fewest words of Latin or Cyrillic text a guess is made on.</summary>
    public const int MinWords = 12;

    /// <summary>Most characters read: the start of an article is plenty.</summary>
    public const int MaxChars = 5_000;

    /// <summary>Share of the words that must be the winner's function words.</summary>
    public const double MinShare = 0.06;

    // The commonest words of each language that are rare in the others (ambiguous ones left out).
    private static readonly (string Code, string[] Words)[] Profiles =
    [
        ("en", ["the", "and", "of", "to", "is", "that", "for", "was", "with", "it", "on", "are", "this", "have", "from", "by", "be", "which", "they", "has", "were", "but", "not", "their"]),
        ("de", ["der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "ein", "eine", "dem", "den", "auch", "von", "wird", "sind", "zu", "bei", "nach", "wie", "aus", "oder"]),
        ("fr", ["le", "la", "les", "et", "des", "est", "une", "dans", "du", "pour", "que", "qui", "pas", "sur", "au", "avec", "sont", "ce", "il", "par", "mais", "ou", "aux", "cette"]),
        ("es", ["el", "la", "los", "las", "y", "que", "del", "en", "por", "una", "para", "con", "es", "se", "su", "al", "lo", "como", "más", "pero", "sus", "fue", "ha", "este"]),
        ("it", ["il", "di", "che", "la", "e", "è", "per", "della", "del", "non", "un", "una", "sono", "con", "nel", "alla", "gli", "anche", "più", "come", "dei", "delle", "questo", "ha"]),
        ("pt", ["o", "a", "os", "as", "de", "que", "do", "da", "em", "não", "uma", "um", "para", "com", "é", "dos", "das", "no", "na", "mais", "por", "se", "foi", "ao"]),
        ("nl", ["de", "het", "een", "en", "van", "is", "dat", "niet", "op", "te", "zijn", "voor", "met", "ook", "aan", "er", "maar", "wordt", "bij", "naar", "dan", "nog", "om", "hij"]),
        ("sv", ["och", "att", "det", "som", "är", "en", "på", "för", "med", "av", "inte", "den", "till", "har", "om", "ett", "var", "jag", "men", "också", "från", "kan", "sig", "efter"]),
        ("da", ["og", "at", "det", "er", "en", "til", "på", "for", "med", "af", "ikke", "den", "som", "har", "de", "et", "om", "var", "jeg", "men", "også", "fra", "kan", "efter"]),
        ("nb", ["og", "å", "det", "er", "en", "til", "på", "for", "med", "av", "ikke", "den", "som", "har", "de", "et", "om", "var", "jeg", "men", "også", "fra", "kan", "etter"]),
        ("pl", ["i", "w", "się", "nie", "na", "z", "że", "do", "to", "jest", "o", "jak", "od", "po", "ale", "za", "co", "przez", "dla", "tak", "są", "także", "jego", "już"]),
        ("cs", ["a", "v", "se", "na", "je", "že", "s", "z", "do", "o", "to", "k", "ve", "pro", "jako", "by", "ale", "po", "jsou", "také", "byl", "za", "jeho", "není"]),
        ("ru", ["и", "в", "не", "на", "что", "с", "по", "это", "как", "из", "он", "к", "для", "о", "но", "за", "от", "его", "так", "же", "был", "все", "она", "были"]),
        ("uk", ["і", "в", "не", "на", "що", "з", "у", "до", "це", "як", "та", "за", "від", "його", "для", "але", "він", "про", "вже", "було", "які", "є", "її", "також"]),
        ("tr", ["ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "çok", "daha", "gibi", "olan", "ama", "en", "kadar", "sonra", "her", "ne", "değil", "mi", "var", "o", "şey", "ise"]),
        ("fi", ["ja", "on", "ei", "että", "se", "oli", "ovat", "myös", "kun", "mutta", "tai", "hän", "ole", "jo", "vain", "sen", "kuin", "joka", "tämä", "mukaan", "niin", "voi", "jos", "nyt"]),
        ("hu", ["a", "az", "és", "hogy", "nem", "is", "egy", "meg", "van", "de", "csak", "már", "volt", "ez", "még", "mint", "el", "ki", "kell", "azt", "vagy", "lesz", "után", "pedig"]),
        ("ro", ["și", "în", "de", "la", "cu", "pe", "nu", "că", "un", "o", "din", "este", "mai", "care", "pentru", "se", "sunt", "fost", "ca", "sau", "dar", "lui", "acest", "și"]),
        ("id", ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "dari", "tidak", "dalam", "akan", "pada", "juga", "ke", "karena", "ada", "oleh", "mereka", "bisa", "sudah", "saat", "kami", "atau", "lebih"]),
        ("ca", ["el", "la", "els", "les", "i", "que", "del", "en", "per", "una", "amb", "és", "es", "al", "els", "com", "més", "però", "seu", "va", "ha", "aquest", "dels", "també"]),
    ];

    private static readonly Dictionary<string, List<int>> WordIndex = BuildIndex();

    /// <summary>A language tag ("en", "de", "ja") for <paramref name="text"/>, or null when too little text says.</summary>
    public static string? Guess(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var sample = text.Length > MaxChars ? text[..MaxChars] : text;
        if (ByScript(sample) is { } script)
        {
            return script;
        }

        var scores = new int[Profiles.Length];
        var words = 0;
        foreach (var word in Words(sample))
        {
            words++;
            if (WordIndex.TryGetValue(word, out var languages))
            {
                foreach (var language in languages)
                {
                    scores[language]++;
                }
            }
        }

        if (words < MinWords)
        {
            return null;
        }

        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        return (double)scores[best] / words >= MinShare ? Profiles[best].Code : null;
    }

    private static string? ByScript(string sample)
    {
        int letters = 0, han = 0, kana = 0, hangul = 0, arabic = 0, cyrillic = 0, greek = 0, hebrew = 0, thai = 0, devanagari = 0;
        foreach (var c in sample)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            letters++;
            switch (c)
            {
                case >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF': han++; break;
                case >= '\u3040' and <= '\u30FF': kana++; break;
                case >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF': hangul++; break;
                case >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F': arabic++; break;
                case >= '\u0400' and <= '\u04FF': cyrillic++; break;
                case >= '\u0370' and <= '\u03FF': greek++; break;
                case >= '\u0590' and <= '\u05FF': hebrew++; break;
                case >= '\u0E00' and <= '\u0E7F': thai++; break;
                case >= '\u0900' and <= '\u097F': devanagari++; break;
                default: break;
            }
        }

        if (letters == 0)
        {
            return null;
        }

        double Share(int count) => (double)count / letters;
        if (Share(kana) > 0.05 && Share(han + kana) > 0.3)
        {
            return "ja";
        }

        if (Share(hangul) > 0.3)
        {
            return "ko";
        }

        if (Share(han) > 0.3)
        {
            return "zh";
        }

        if (Share(arabic) > 0.3)
        {
            // Persian and Urdu share the script; their own letters tell them apart from Arabic.
            return sample.Contains('گ') || sample.Contains('چ') || sample.Contains('پ') ? "fa" : "ar";
        }

        return Share(greek) > 0.3 ? "el"
            : Share(hebrew) > 0.3 ? "he"
            : Share(thai) > 0.3 ? "th"
            : Share(devanagari) > 0.3 ? "hi"
            : null;
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetter(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }

    private static Dictionary<string, List<int>> BuildIndex()
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < Profiles.Length; i++)
        {
            foreach (var word in Profiles[i].Words.Distinct(StringComparer.Ordinal))
            {
                if (!index.TryGetValue(word, out var list))
                {
                    index[word] = list = [];
                }

                list.Add(i);
            }
        }

        return index;
    }
}
