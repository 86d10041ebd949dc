using System.Text.RegularExpressions;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Picks the outlet's name: the name the page declares for its publisher (JSON-LD publisher,
/// og:site_name, application-name) unless it is a section label or a hosting word, else Readability's
/// guess when it resembles the address, else the registrable domain ("theguardian.com").
/// </summary>
public static partial class OutletNamer
{
    /// <summary>Longest outlet name taken from a page; longer values are slogans or titles.</summary>
    public const int MaxNameChars = 80;

    // Second-level labels under which outlets register (example.co.uk, example.com.au).
    private static readonly HashSet<string> SecondLevel = new(StringComparer.OrdinalIgnoreCase)
    {
        "co", "com", "net", "org", "gov", "ac", "edu", "or", "ne", "go", "gv", "nic", "gob", "nom",
    };

    /// <summary>The outlet's name for a page at <paramref name="url"/>.</summary>
    /// <param name="declared">Names the page declares, most trusted first.</param>
    /// <param name="guessed">Readability's guess, taken only when it resembles the address.</param>
    /// <param name="section">The page's article:section, which is never the outlet.</param>
    /// <param name="url">The page's address, when known.</param>
    public static string? Choose(IEnumerable<string?> declared, string? guessed, string? section, string? url)
    {
        var domain = RegistrableDomain(url);
        foreach (var name in declared)
        {
            if (Acceptable(name, section))
            {
                return TextTools.FoldWhitespace(name!);
            }
        }

        if (Acceptable(guessed, section) && domain is not null && Resembles(guessed!, domain))
        {
            return TextTools.FoldWhitespace(guessed!);
        }

        return domain;
    }

    /// <summary>"www.news.example.co.uk" → "example.co.uk"; null for hosts without a dot.</summary>
    public static string? RegistrableDomain(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !UrlCanonicalizer.IsWebUrl(uri.AbsoluteUri) || uri.HostNameType != UriHostNameType.Dns)
        {
            return null;
        }

        var labels = uri.IdnHost.ToLowerInvariant().Split('.');
        if (labels.Length < 2 || uri.Host.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var take = labels.Length >= 3 && labels[^1].Length == 2 && SecondLevel.Contains(labels[^2]) ? 3 : 2;
        return uri.Host.ToLowerInvariant().Split('.')[^Math.Min(take, labels.Length)..] is var parts ? string.Join('.', parts) : null;
    }

    private static bool Acceptable(string? name, string? section)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var folded = TextTools.FoldWhitespace(name);
        return folded.Length is >= 2 and <= MaxNameChars
            && !folded.StartsWith("http", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(folded, section?.Trim(), StringComparison.OrdinalIgnoreCase)
            && !NotAnOutlet().IsMatch(folded);
    }

    private static bool Resembles(string name, string domain)
    {
        var letters = new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        var label = domain.Split('.')[0].Replace("-", string.Empty, StringComparison.Ordinal);
        return letters.Length >= 2 && (label.Contains(letters, StringComparison.Ordinal) || letters.Contains(label, StringComparison.Ordinal));
    }

    // Words CMSs put in the site-name slot that name no outlet: section labels, hosting and page words.
    [GeneratedRegex(@"^(home|homepage|news|hosted|blog|article|articles|u\.?s\.?|world|politics|business|opinion|sports?|tech|technology|local|latest|index|default|untitled|wordpress|blogger|medium)$", RegexOptions.IgnoreCase)]
    private static partial Regex NotAnOutlet();
}
