using System.Text.RegularExpressions;
using AngleSharp.Dom;
using NewsTracker.Web.Domain;

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
    /// at other articles, the copyright or reprint notice at the end, subscription, follow, share and
    /// comment prompts; then cuts the body at a closing title ("Related articles") after most of it.</summary>
    public static List<ParsedBlock> DropFurnitureLines(List<ParsedBlock> blocks) =>
        CutClosingSection(DropLeadingDateLines(blocks.Where(b => !(b.Text.Length <= MaxFurnitureChars && (PointerLine().IsMatch(b.Text) || NoticeLine().IsMatch(b.Text) || PromptLine().IsMatch(b.Text)
            || (b.Text.Length <= MaxMetaLineChars && MetaLine().IsMatch(b.Text))))).ToList()));

    /// <summary>Longest block before the article's first long one that can be a date line.</summary>
    public const int MaxDateLineChars = 80;

    /// <summary>Most words a date line may hold besides its date and time (a place, a name, "posted on").</summary>
    public const int MaxDateLineWords = 6;

    /// <summary>A block this long is the article's text: date lines are looked for only before it.</summary>
    public const int MinArticleBlockChars = 100;

    // Above the article, a short line that is mostly a date or a time ("April 21, 2022", "Publicado: Jueves,
    // 21 Abril 2022 04:45", "Lübeck, 31. März 2003", "11.12.2019 - Amelie Loevenich") is the header's dateline,
    // never its text. The date is kept apart (PublishedDateFinder reads the page, not the body).
    private static List<ParsedBlock> DropLeadingDateLines(List<ParsedBlock> blocks)
    {
        var kept = new List<ParsedBlock>(blocks.Count);
        var inArticle = false;
        foreach (var block in blocks)
        {
            if (!inArticle && block.Kind != BlockKind.Caption && block.Text.Length < MaxDateLineChars && DateMention().IsMatch(block.Text)
                && Word().Count(DateMention().Replace(block.Text, " ")) <= MaxDateLineWords)
            {
                continue;
            }

            inArticle |= block.Kind != BlockKind.Caption && block.Text.Length >= MinArticleBlockChars;
            kept.Add(block);
        }

        return kept;
    }

    /// <summary>Longest line that can be a byline, date, category or picture-credit line.</summary>
    public const int MaxMetaLineChars = 80;

    /// <summary>Share of the running text that must come before a closing title for the cut to be made.</summary>
    public const double MinTextBeforeClosingTitle = 0.5;

    // A title such as "Related articles", "About the author" or "Comments" standing alone after most of the
    // article opens what follows the article (teasers, a bio, the thread), never more of it: cut there.
    // Early in the text the same words may be the article's own heading, so the cut needs half the text before;
    // a bare singular ("Comment") is more often a table's column than a thread's title.
    private static List<ParsedBlock> CutClosingSection(List<ParsedBlock> blocks)
    {
        var total = blocks.Where(b => b.Kind != BlockKind.Caption).Sum(b => b.Text.Length);
        var before = 0;
        for (var i = 0; i < blocks.Count; i++)
        {
            var block = blocks[i];
            if (block.Kind is BlockKind.Heading or BlockKind.Paragraph && block.Text.Length <= MaxClosingTitleChars
                && before >= total * MinTextBeforeClosingTitle && ClosingTitle().IsMatch(block.Text))
            {
                return blocks.Take(i).ToList();
            }

            if (block.Kind != BlockKind.Caption)
            {
                before += block.Text.Length;
            }
        }

        return blocks;
    }

    /// <summary>Longest block that can be a closing section's title.</summary>
    public const int MaxClosingTitleChars = 60;

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
    [GeneratedRegex(@"^(read (also|more|next)|also read|see also|related|more on this|lesen sie (auch|mehr)|lesen sie hier|mehr zum thema|auch interessant|schon gelesen|lire aussi|à lire aussi|lea (también|más)|lee también|leggi anche|leia (também|mais)|zie ook|läs även|czytaj (też|także)|don't miss|vea también|puedes ver|mir[ae]|lea|(también )?(le|te) puede interesar|auch lesen|siehe auch)\s*[:?!–—-].{0,200}$", RegexOptions.IgnoreCase)]
    private static partial Regex PointerLine();

    // Header and footer lines about the article rather than of it: a bare "By/Von Name" byline, "updated
    // on" and "posted" date lines, category and picture-credit labels, "image N of M" counters. Names must be capitalised (case
    // matters there), so "By the end of May" stays.
    [GeneratedRegex(@"^((by|von|autor|autorin|author|posted by)\s*:?\s+(?-i:\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*){0,3})|(aktualisiert|erstellt|veröffentlicht|publiziert|updated|published|posted)( am| on)?\s*:?\s*\d.*|(aktualisiert|veröffentlicht) am\b.*|this entry was posted\b.*|(image|photo|picture|bild|foto) \d+ (of|von|/) \d+.*|(publikacja|opublikowano|release date|category|categories|kategorie|kategorien|titelbild|beitragsbild|bildquelle|foto|photo|image|credit|źródło)\s*:.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex MetaLine();

    // Lines that ask the reader to subscribe, follow, download, share, rate, print or comment.
    [GeneratedRegex(@"^(follow .{1,40} on (twitter|facebook|instagram|x)\b|subscribe (now|today|to (our|the))\b|to (view|read|continue reading) the (full|rest of the) (story|article)|for the latest .{0,60}download|download (the|our) .{0,40}\bapps?\b|never miss (the latest|a story)|sign up (for|to) (our|the)\b|únete|suscríbete|hazte (miembro|socio)|jetzt abonnieren|folgen sie uns|war (der|dieser) (artikel|beitrag) (nützlich|hilfreich)|möchten sie (den|diesen) (artikel|beitrag) teilen|(diesen )?(artikel|beitrag) (teilen|bewerten)\b|artikel gefallen\?|hier können sie (den|diesen) (artikel|beitrag) bewerten|rezept drucken|print (this )?(article|recipe)|share this (article|story|post)|bild anzeigen|lade weitere inhalte|load more|verraten sie (uns )?(gerne )?in den kommentaren|we want to hear what you think|kommentare geschlossen|comments are closed)", RegexOptions.IgnoreCase)]
    private static partial Regex PromptLine();

    // Titles of what follows an article, alone on their line, in the languages of the corpora.
    [GeneratedRegex(@"^(\d+\s+)?(related( (articles?|posts?|stories|content|news))?|more (articles|stories|news|from|on this|to read|like this)|you (may|might) also like|recommended( for you)?|read next|about the author|\d+ comments?|comments|leave a (reply|comment)|post a comment|related coverage|most (read|popular)|see also|(weitere|ähnliche|verwandte|passende|empfohlene|neueste) (artikel|beiträge|themen|nachrichten|news)( .{1,30})?|beiträge zum thema|mehr (zum thema|themen)|zum weiterlesen|weiterführende links?|siehe auch|lesen sie auch( die folgenden beiträge)?|meistgelesen|heute empfehlen wir|das (thema )?könnte (sie|dich) auch interessieren|(à )?lire aussi|(también )?(le|te) puede interesar|über den autor|über die autorin|\d+ kommentare?|kommentare|kommentar (schreiben|verfassen|abgeben)|schreibe einen kommentar|articles? (similaires|liés|connexes)|sur le même sujet|à propos de l'auteur|\d+ commentaires?|commentaires|artículos relacionados|noticias relacionadas|\d+ comentarios?|comentarios|articoli correlati|\d+ comment[io]|commenti)\s*[:.!]?$", RegexOptions.IgnoreCase)]
    private static partial Regex ClosingTitle();

    [GeneratedRegex(@"^(©|\(c\)|copyright\b|all rights reserved|alle rechte vorbehalten|tous droits réservés|this (article|story|content) (is|was|may)|written permission|reproduction|nachdruck|this site uses akismet|diese website verwendet akismet)", RegexOptions.IgnoreCase)]
    private static partial Regex NoticeLine();

    [GeneratedRegex(@"(^|[\s_-])(credit|credits|image-credit|photo-credit|copyright)([\s_-]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex CreditMarker();

    // A numeric date (21.04.2022, 4/21/22, 2022-04-21), a clock time (10:11) or a date with its month named,
    // in the languages of the corpora.
    [GeneratedRegex(@"\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b|\b\d{1,2}\.?\s+(de\s+)?" + MonthNames + @"\p{L}*\.?,?\s+(de\s+)?\d{4}|\b" + MonthNames + @"\p{L}*\.?\s+\d{1,2},?\s+\d{4}", RegexOptions.IgnoreCase)]
    private static partial Regex DateMention();

    private const string MonthNames = "(jan|feb|mär|mar|apr|mai|may|jun|jul|aug|sep|okt|oct|nov|dez|dec|déc|janv|févr|avr|juil|août|ene|abr|ago|dic|gen|mag|giu|lug|set|ott)";

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();
}
