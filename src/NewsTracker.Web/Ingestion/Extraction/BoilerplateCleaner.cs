using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace NewsTracker.Web.Ingestion.Extraction;

/// <summary>
/// Removes the page furniture Readability keeps inside the article: share bars, "related" and
/// "read more" lists, newsletter sign-up boxes and image credit lines. Each rule needs two signals
/// (a telling class or id and a shape: mostly links, a form, or a short line) so article text whose
/// container happens to have an unlucky class name stays.
/// </summary>
public static partial class BoilerplateCleaner
{
    /// <summary>Share of an element's text inside links above which it is a link list.</summary>
    public const double LinkListDensity = 0.5;

    /// <summary>Longest text a sign-up box or share bar can have and still be furniture.</summary>
    public const int MaxFurnitureChars = 400;

    /// <summary>Longest text an image credit line can have.</summary>
    public const int MaxCreditChars = 120;

    /// <summary>Removes furniture from <paramref name="content"/> in place.</summary>
    public static void Clean(IElement content)
    {
        var doomed = new List<IElement>();
        foreach (var element in content.QuerySelectorAll("*"))
        {
            if (IsFurniture(element))
            {
                doomed.Add(element);
            }
        }

        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    private static bool IsFurniture(IElement element)
    {
        var marker = (element.ClassName ?? string.Empty) + " " + (element.Id ?? string.Empty);
        if (marker.Length < 2 || element.LocalName is "p" or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "blockquote")
        {
            return false;
        }

        var text = TextTools.FoldWhitespace(element.TextContent);
        if (ShareMarker().IsMatch(marker))
        {
            return text.Length <= MaxFurnitureChars && (text.Length == 0 || LinkDensity(element, text.Length) >= LinkListDensity || element.QuerySelector("button, svg, ul") is not null);
        }

        if (RelatedMarker().IsMatch(marker))
        {
            return element.QuerySelector("a") is not null && LinkDensity(element, text.Length) >= LinkListDensity;
        }

        if (SignUpMarker().IsMatch(marker))
        {
            return text.Length <= MaxFurnitureChars && (element.QuerySelector("form, input, button") is not null || SignUpWording().IsMatch(text));
        }

        if (CreditMarker().IsMatch(marker))
        {
            return text.Length <= MaxCreditChars && element.QuerySelector("p, div, figcaption") is null;
        }

        if (AsideMarker().IsMatch(marker))
        {
            // Author boxes, comment threads, tag lists, paywall and ad slots: furniture when short or mostly links.
            return text.Length <= MaxFurnitureChars * 2 || LinkDensity(element, text.Length) >= LinkListDensity;
        }

        return false;
    }

    /// <summary>Drops body blocks that are furniture by their words alone: "Read also: …" lines pointing
    /// at other articles and the copyright or reprint notice at the end.</summary>
    public static List<ParsedBlock> DropFurnitureLines(List<ParsedBlock> blocks) =>
        blocks.Where(b => !(b.Text.Length <= MaxFurnitureChars && (PointerLine().IsMatch(b.Text) || NoticeLine().IsMatch(b.Text)))).ToList();

    private static double LinkDensity(IElement element, int textLength)
    {
        if (textLength == 0)
        {
            return 0;
        }

        var linked = element.QuerySelectorAll("a").Sum(a => TextTools.FoldWhitespace(a.TextContent).Length);
        return (double)linked / textLength;
    }

    [GeneratedRegex(@"(^|[\s_-])(share|sharing|social|sharebar|share-tools|sociallinks)([\s_-]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ShareMarker();

    [GeneratedRegex(@"related|read-?more|more-?stories|recommended|also-?read|most-?(read|popular)|trending|outbrain|taboola", RegexOptions.IgnoreCase)]
    private static partial Regex RelatedMarker();

    [GeneratedRegex(@"newsletter|subscribe|subscription|sign-?up|signup|optin|opt-in", RegexOptions.IgnoreCase)]
    private static partial Regex SignUpMarker();

    [GeneratedRegex(@"sign(ing)? up|subscribe|newsletter|in your inbox", RegexOptions.IgnoreCase)]
    private static partial Regex SignUpWording();

    [GeneratedRegex(@"author-?bio|author-?box|about-?the-?author|author-?info|(^|[\s_-])comments?([\s_-]|$)|comment-?list|disqus|(^|[\s_-])(post-?|entry-?|article-?)?tags([\s_-]|$)|paywall|regwall|(^|[\s_-])(ad|ads|advert|advertisement|sponsored|promo)([\s_-]|$)|cookie", RegexOptions.IgnoreCase)]
    private static partial Regex AsideMarker();

    // Lines that only send the reader elsewhere, in the languages of the corpora.
    [GeneratedRegex(@"^(read (also|more|next)|also read|see also|related|more on this|lesen sie (auch|mehr)|lesen sie hier|mehr zum thema|auch interessant|schon gelesen|lire aussi|à lire aussi|lea (también|más)|lee también|leggi anche|leia (também|mais)|zie ook|läs även|czytaj (też|także)|don't miss)\s*[:?!–—-].{0,200}$", RegexOptions.IgnoreCase)]
    private static partial Regex PointerLine();

    [GeneratedRegex(@"^(©|\(c\)|copyright\b|all rights reserved|alle rechte vorbehalten|tous droits réservés|this (article|story|content) (is|was|may)|written permission|reproduction|nachdruck)", RegexOptions.IgnoreCase)]
    private static partial Regex NoticeLine();

    [GeneratedRegex(@"(^|[\s_-])(credit|credits|image-credit|photo-credit|copyright)([\s_-]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CreditMarker();
}
